#!/usr/bin/env bash
# Starts the whole platform on this machine: one embedded PostgreSQL (data kept in .local/pgdata),
# the command service on :8081, the query service on :8082 and the web application on :8080 (open
# http://localhost:8080 and sign in as a demo user of deploy/SECURITY.md). Builds first when a jar is missing
# or older than the sources. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

DB_PORT="${DB_PORT:-54329}"
DATA_DIR="${DATA_DIR:-.local/pgdata}"
LOG_DIR=.local/logs
mkdir -p "$LOG_DIR"

# seconds each application may take to become healthy (three JVMs start at once; a busy laptop needs more)
START_TIMEOUT="${START_TIMEOUT:-180}"
source deploy/local-common.sh
build_if_needed
start_database

java -jar command-service/target/command-service-0.1.0-SNAPSHOT-exec.jar >"$LOG_DIR/command-service.log" 2>&1 &
pids+=($!)
java -jar query-service/target/query-service-0.1.0-SNAPSHOT-exec.jar >"$LOG_DIR/query-service.log" 2>&1 &
pids+=($!)
# the pages: signs people in with its local identity provider and calls both services as the signed-in user
java -jar web/target/web-0.1.0-SNAPSHOT-exec.jar >"$LOG_DIR/web.log" 2>&1 &
pids+=($!)
wait_for http://localhost:8081/actuator/health command-service "${pids[1]}"
wait_for http://localhost:8082/actuator/health query-service "${pids[2]}"
wait_for http://localhost:8080/actuator/health web "${pids[3]}"

# the demo users who coach are registered as coaches once (the admin's demo account; a repeat is a harmless
# refusal), so a senior coach can take in a referral and assign it in the browser straight away
if [[ "${DEMO_COACHES:-true}" == true ]]; then
  for coach in 'anna","name":"Anna de Wit","cluster":"Noord","fte":0.8' \
               'bram","name":"Bram Visser","cluster":"Zuid","fte":1.0' \
               'sanne","name":"Sanne Bakker","cluster":"Noord","fte":0.5'; do
    curl -s -o /dev/null -u admin:admin -H 'Content-Type: application/json' \
      -d "{\"coachId\":\"${coach}}" http://localhost:8081/api/coaches || true
  done
fi

cat <<INFO

Gezinscoaching platform is running. Open in your browser:

  http://localhost:8080      (sign in as sanne / sanne, a senior coach: "Nieuwe aanmelding" takes in a family,
                              the waiting list assigns it to anna; anna / anna, a coach, records her work;
                              all demo users in deploy/SECURITY.md)

  command service  http://localhost:8081   (health: http://localhost:8081/actuator/health)
  query service    http://localhost:8082   (health: http://localhost:8082/actuator/health)
  PostgreSQL       jdbc:postgresql://localhost:${DB_PORT}/postgres  (user postgres, data in ${DATA_DIR})
  logs             ${LOG_DIR}/
Press Ctrl-C to stop.
INFO
wait
