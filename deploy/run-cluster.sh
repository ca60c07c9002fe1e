#!/usr/bin/env bash
# Several instances on one database (issue 13): one embedded PostgreSQL (data kept in .local/cluster-pgdata),
# two command-service instances (:8081 and :8083), two query-service instances (:8082 and :8084), and the web
# pages on :8080 (which call the instances on :8081 and :8082). Every instance takes any request: the command
# instances decide each command on the current state (a stale cached trajectory is decided again), the query
# instances share the projections' segments through their token claims. Builds first when a jar is missing or
# older than the sources. Ctrl-C stops everything. See docs/operations.md.
set -euo pipefail
cd "$(dirname "$0")/.."

DB_PORT="${DB_PORT:-54330}"
DATA_DIR="${DATA_DIR:-.local/cluster-pgdata}"
LOG_DIR=.local/cluster-logs
mkdir -p "$LOG_DIR"

for port in 8080 8081 8082 8083 8084 "$DB_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "Port $port is in use (deploy/run-local.sh still running?): stop it first" >&2
    exit 1
  fi
done

START_TIMEOUT="${START_TIMEOUT:-240}"
source deploy/local-common.sh
build_if_needed

start() {  # name, jar, port
  java -jar "$2" --server.port="$3" >"$LOG_DIR/$1.log" 2>&1 &
  pids+=($!)
}

start_database

# one instance of each first (the first runs the migrations), then the second ones
start command-service-1 command-service/target/command-service-0.1.0-SNAPSHOT-exec.jar 8081
start query-service-1 query-service/target/query-service-0.1.0-SNAPSHOT-exec.jar 8082
wait_for http://localhost:8081/actuator/health command-service-1 "${pids[1]}"
wait_for http://localhost:8082/actuator/health query-service-1 "${pids[2]}"
start command-service-2 command-service/target/command-service-0.1.0-SNAPSHOT-exec.jar 8083
start query-service-2 query-service/target/query-service-0.1.0-SNAPSHOT-exec.jar 8084
start web web/target/web-0.1.0-SNAPSHOT-exec.jar 8080
wait_for http://localhost:8083/actuator/health command-service-2 "${pids[3]}"
wait_for http://localhost:8084/actuator/health query-service-2 "${pids[4]}"
wait_for http://localhost:8080/actuator/health web "${pids[5]}"

cat <<INFO

Gezinscoaching platform is running as a cluster on one database:

  web              http://localhost:8080   (sign in as anna / anna; calls :8081 and :8082)
  command service  http://localhost:8081   http://localhost:8083
  query service    http://localhost:8082   http://localhost:8084
  PostgreSQL       jdbc:postgresql://localhost:${DB_PORT}/postgres  (user postgres, data in ${DATA_DIR})
  logs             ${LOG_DIR}/
Press Ctrl-C to stop all.
INFO
wait
