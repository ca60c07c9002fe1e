#!/usr/bin/env bash
# Rebuilds every read model of the running query service from the event store and shows progress until
# it is done. Usage: deploy/rebuild-read-models.sh [query-service-url]   (default http://localhost:8082)
# Signs in as REBUILD_USER (user:password of an ADMIN; default the local demo admin, admin:admin).
# The same can be had at start-up: java -jar query-service-...-exec.jar --rebuild-read-models
set -euo pipefail
url="${1:-http://localhost:8082}/api/admin/rebuild"
auth=(-u "${REBUILD_USER:-admin:admin}")
answer=$(curl -s "${auth[@]}" -w '\n%{http_code}' -X POST "$url")
code=${answer##*$'\n'}
if [[ $code != 202 ]]; then
  echo "Rebuild not started (HTTP $code): ${answer%$'\n'*}" >&2
  exit 1
fi
while true; do
  status=$(curl -s "${auth[@]}" "$url")
  state=$(sed -n 's/.*"state":"\([A-Z_]*\)".*/\1/p' <<<"$status")
  done_=$(sed -n 's/.*"eventsDone":\([0-9]*\).*/\1/p' <<<"$status")
  total=$(sed -n 's/.*"eventsTotal":\([0-9]*\).*/\1/p' <<<"$status")
  pct=$(sed -n 's/.*"percentDone":\([0-9.]*\).*/\1/p' <<<"$status")
  rate=$(sed -n 's/.*"eventsPerSecond":\([0-9]*\).*/\1/p' <<<"$status")
  printf '\r%s: %s / %s events (%s%%), %s events/s   ' "$state" "$done_" "$total" "$pct" "$rate"
  [[ $state == FINISHED ]] && { echo; break; }
  sleep 1
done
