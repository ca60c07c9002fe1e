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

if [[ "${RESTORE_SKIP_SERVICE_CHECK:-}" != 1 ]]; then
  for health in "${COMMAND_HEALTH_URL:-http://localhost:8081/actuator/health}" "${QUERY_HEALTH_URL:-http://localhost:8082/actuator/health}"; do
    if curl -fs --max-time 2 "$health" >/dev/null 2>&1; then
      echo "Refused: a service answers at $health. Stop the services (not the database) before a restore." >&2
      exit 1
    fi
  done
fi

url="${SPRING_DATASOURCE_URL:-}"
if [[ -n $url && "${BACKUP_METHOD:-pg_dump}" == pg_dump ]]; then
  conn="${url#jdbc:}"
  conn="${conn%%\?*}"
  PGUSER="${SPRING_DATASOURCE_USERNAME:-postgres}" PGPASSWORD="${SPRING_DATASOURCE_PASSWORD:-}" \
    "${PG_RESTORE:-pg_restore}" --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname="$conn" "$FILE"
  echo "Restored from $FILE (pg_restore)"
else
  jar=deploy/target/local-database.jar
  if [[ ! -f $jar ]]; then
    echo "Building $jar..."
    ./mvnw -q -B -pl deploy -am package -DskipTests
  fi
  java -jar "$jar" restore "$FILE"
fi
echo "Now start the services: they apply the erasure register before they serve anything."
