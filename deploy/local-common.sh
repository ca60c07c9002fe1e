# Sourced by deploy/run-local.sh and deploy/run-cluster.sh (not run on its own): building when needed, the
# embedded database, waiting for health, and stopping everything on Ctrl-C. The caller sets DB_PORT, DATA_DIR,
# LOG_DIR and START_TIMEOUT first.

jars=(deploy/target/local-database.jar
      command-service/target/command-service-0.1.0-SNAPSHOT-exec.jar
      query-service/target/query-service-0.1.0-SNAPSHOT-exec.jar
      web/target/web-0.1.0-SNAPSHOT-exec.jar)

# builds (tests skipped) when a jar is missing or a source is newer than the last build
build_if_needed() {
  local stamp=.local/build.stamp needs_build=false jar
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
}

pids=()
# the applications first (newest first), the database last
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  for ((i=${#pids[@]}-1; i>=0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  echo "Stopped."
}
trap stop_all INT TERM EXIT

wait_for() {  # url, name, pid
  for _ in $(seq 1 $((START_TIMEOUT * 2))); do
    if curl -fs "$1" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$3" 2>/dev/null; then echo "$2 did not start; see $LOG_DIR" >&2; exit 1; fi
    sleep 0.5
  done
  echo "$2 did not become healthy in ${START_TIMEOUT} s; see $LOG_DIR" >&2
  exit 1
}

# the embedded PostgreSQL (data kept in DATA_DIR), then the services' settings for it and the local profile
start_database() {
  java -jar deploy/target/local-database.jar "$DATA_DIR" "$DB_PORT" >"$LOG_DIR/database.log" 2>&1 &
  pids+=($!)
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
}
