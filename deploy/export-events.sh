#!/usr/bin/env bash
# The pseudonymised event export into a file an analyst takes away (docs/analytics.md):
#   deploy/export-events.sh [--until YYYY-MM-DD] [--service URL] --out EXPORT.ndjson
# Streams GET /api/export/events of the query service (default http://localhost:8082) with progress on the
# terminal (events done, rate, time left); signs in with STUDY_TOKEN (bearer) or STUDY_USER=user:password
# (default the local demo analyst ali:ali). The file appears only once the export is complete.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/study/target/study-exec.jar"
if [[ ! -f $jar ]]; then
  echo "Building the study tool..." >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -pl study -am package) >&2
fi
exec java -jar "$jar" export "$@"
