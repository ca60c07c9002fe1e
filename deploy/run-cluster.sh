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

jars=(deploy/target/local-database.jar
      command-service/target/command-service-0.1.0-SNAPSHOT-exec.jar
      query-service/target/query-service-0.1.0-SNAPSHOT-exec.jar
      web/target/web-0.1.0-SNAPSHOT-exec.jar)
stamp=.local/build.stamp
needs_build=false
for jar in "${jars[@]}"; do
  [[ -f $jar ]] || needs_build=true
done
if [[ ! -f $stamp ]] || [[ -n $(find pom.xml ./*/pom.xml ./*/src -newer "$stamp" -type f -print -quit 2>/dev/null) ]]; then
  needs_build=true
fi
if $needs_build; then
  echo "Building (tests skipped; ./mvnw verify runs them)..."
  ./mvnw -q -B -DskipTests package
  touch "$stamp"
fi

pids=()
names=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  # applications first (newest first), the database last
  for ((i=${#pids[@]}-1; i>=0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  echo "Stopped."
}
trap stop_all INT TERM EXIT

START_TIMEOUT="${START_TIMEOUT:-240}"
wait_for() {  # url, name, pid
  for _ in $(seq 1 $((START_TIMEOUT * 2))); do
    if curl -fs "$1" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then echo "$2 did not start; see $LOG_DIR/$2.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "$2 did not become healthy in ${START_TIMEOUT} s; see $LOG_DIR" >&2
  exit 1
}
start() {  # name, jar, port
  java -jar "$2" --server.port="$3" >"$LOG_DIR/$1.log" 2>&1 &
  pids+=($!)
  names+=("$1")
}

java -jar deploy/target/local-database.jar "$DATA_DIR" "$DB_PORT" >"$LOG_DIR/database.log" 2>&1 &
pids+=($!)
names+=(database)
for _ in $(seq 1 120); do
  grep -q "PostgreSQL ready" "$LOG_DIR/database.log" 2>/dev/null && break
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$LOG_DIR/database.log" >&2; exit 1; }
  sleep 0.5
done

export SPRING_DATASOURCE_URL="jdbc:postgresql://localhost:${DB_PORT}/postgres"
export SPRING_DATASOURCE_USERNAME=postgres
export SPRING_DATASOURCE_PASSWORD=postgres
# local development, chosen explicitly: demo users and the repository's development secrets (deploy/SECURITY.md)
export SPRING_PROFILES_ACTIVE=local

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
