#!/usr/bin/env bash
# deploy/restore.sh FILE: replaces all data of the platform's database with a backup of deploy/backup.sh
# (docs/operations.md, "Backup, restore and the erasure register").
#
# Stop the services first (the database keeps running). The database must be migrated by the same release
# as the backup: for a new, empty database start the services once, stop them, then restore. Afterwards start
# the services: before serving anything they apply the erasure register, so a family erased after the backup
# was taken stays erased (its data key is destroyed again and its erasure event appended again).
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: deploy/restore.sh FILE" >&2
  exit 2
fi
FILE=$(realpath -e "$1")
cd "$(dirname "$0")/.."

# Every instance of the platform must be stopped: each one listed in PLATFORM_INSTANCES (base addresses, by
# default those of deploy/run-local.sh and deploy/run-cluster.sh) is asked, and any answer at all refuses the
# restore; the restore itself also refuses while any service holds a connection to the database, wherever it runs.
# An instance that still runs anyway (RESTORE_SKIP_SERVICE_CHECK=1) sees the restore and stops serving until it is
# restarted (docs/operations.md).
if [[ "${RESTORE_SKIP_SERVICE_CHECK:-}" != 1 ]]; then
  instances="${PLATFORM_INSTANCES:-http://localhost:8080 http://localhost:8081 http://localhost:8082 http://localhost:8083 http://localhost:8084}"
  for health in ${COMMAND_HEALTH_URL:-} ${QUERY_HEALTH_URL:-}; do instances="$instances ${health%/actuator/health}"; done
  for instance in ${instances//,/ }; do
    status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$instance/actuator/health" 2>/dev/null || true)
    if [[ -n $status && $status != 000 ]]; then
      echo "Refused: an instance of the platform answers at $instance. Stop every instance (not the database) before a restore." >&2
      exit 1
    fi
  done
fi

local_database_jar() {
  local jar=deploy/target/local-database.jar
  if [[ ! -f $jar ]]; then
    echo "Building $jar..." >&2
    ./mvnw -q -B -pl deploy -am package -DskipTests >&2
  fi
  echo "$jar"
}

url="${SPRING_DATASOURCE_URL:-}"
if [[ -n $url && "${BACKUP_METHOD:-pg_dump}" == pg_dump ]]; then
  conn="${url#jdbc:}"
  conn="${conn%%\?*}"
  PGUSER="${SPRING_DATASOURCE_USERNAME:-postgres}" PGPASSWORD="${SPRING_DATASOURCE_PASSWORD:-}" \
    "${PG_RESTORE:-pg_restore}" --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname="$conn" "$FILE"
  echo "Restored from $FILE (pg_restore)"
  # the dump brought the table's older rows back: record this restore for any instance still running
  java -jar "$(local_database_jar)" mark-restored
else
  java -jar "$(local_database_jar)" restore "$FILE"
fi
echo "Now start the services: they apply the erasure register before they serve anything."
