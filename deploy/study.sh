#!/usr/bin/env bash
# The analysts' duration study (docs/analytics.md). Fixed interface:
#   deploy/study.sh [--until YYYY-MM-DD] [--from-file EXPORT.ndjson] --out DIR
# writes DIR/trajectories.csv, DIR/trajectories.parquet, DIR/km.csv and DIR/report.html.
# Without --from-file it replays the event store through the query service's pseudonymised export
# (--service URL, default http://localhost:8082; signs in with STUDY_TOKEN, a bearer token, or
# STUDY_USER=user:password, default the local demo analyst ali:ali). Also: --k N (default 5, or the export's k).
# Progress goes to the terminal (standard error). Builds the study jar first when it is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/study/target/study-exec.jar"
if [[ ! -f $jar ]]; then
  echo "Building the study tool..." >&2
  (cd "$root" && ./mvnw -q -B -DskipTests -pl study -am package) >&2
fi
exec java -Djava.awt.headless=true -jar "$jar" study "$@"
