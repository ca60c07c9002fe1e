#!/usr/bin/env bash
# deploy/backup.sh FILE: a consistent backup of the platform's database, safe while the services run
# (docs/operations.md, "Backup, restore and the erasure register").
#
#  - the embedded database of deploy/run-local.sh (default; or any server with BACKUP_METHOD=copy): every
#    table copied out with COPY ... TO STDOUT through the JDBC driver, in one repeatable-read snapshot
#    (platform DatabaseBackup). The embedded binaries have no pg_dump.
#  - an external server (SPRING_DATASOURCE_URL set): the server's own pg_dump (PG_DUMP=/path/to/pg_dump of
#    the server's major version), custom format.
#
# The erasure register is NOT in the backup, by design: keep it where it is (beside the master key's secrets).
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: deploy/backup.sh FILE" >&2
  exit 2
fi
FILE=$(realpath -m "$1")
cd "$(dirname "$0")/.."
# a backup holds every family's data: owner-only, whatever the caller's umask
umask 077

url="${SPRING_DATASOURCE_URL:-}"
if [[ -n $url && "${BACKUP_METHOD:-pg_dump}" == pg_dump ]]; then
  # jdbc:postgresql://host:port/db?... -> postgresql://host:port/db
  conn="${url#jdbc:}"
  conn="${conn%%\?*}"
  # written to a new file with a random name beside the target (never through a planted file or link), moved
  # over the target when complete
  partial=$(mktemp "$(dirname "$FILE")/.$(basename "$FILE").XXXXXXXX.partial")
  trap 'rm -f "$partial"' EXIT
  PGUSER="${SPRING_DATASOURCE_USERNAME:-postgres}" PGPASSWORD="${SPRING_DATASOURCE_PASSWORD:-}" \
    "${PG_DUMP:-pg_dump}" --format=custom --no-owner --file="$partial" --dbname="$conn"
  mv -f "$partial" "$FILE"
  echo "Backed up to $FILE (pg_dump, custom format)"
  exit 0
fi

jar=deploy/target/local-database.jar
if [[ ! -f $jar ]]; then
  echo "Building $jar..."
  ./mvnw -q -B -pl deploy -am package -DskipTests
fi
java -jar "$jar" backup "$FILE"
