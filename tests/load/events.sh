#!/usr/bin/env bash
# Event ingestion throughput: streams EVENTS behaviour events for CUSTOMERS customers through the NDJSON import
# (facts kept current as they arrive), RUNS times into a fresh store each, and prints events/s per run.
# Then sends the same feed again to measure a replay (every event a duplicate).
# Usage: tests/load/events.sh [EVENTS] [CUSTOMERS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${1:-1000000}
CUSTOMERS=${2:-100000}
RUNS=${3:-3}
PORT=${PORT:-18093}
AUTH=channel:channel-secret
source tests/load/service.sh

python3 tests/load/gen_events.py "$EVENTS" "$CUSTOMERS" >"$work/events.ndjson"
echo "feed: $EVENTS events, $CUSTOMERS customers, $(du -h "$work/events.ndjson" | cut -f1)"

import_feed() {
  local began report ms
  began=$(date +%s%N)
  report=$(curl -sf -u "$AUTH" -H 'Content-Type: application/x-ndjson' --data-binary @"$work/events.ndjson" \
    "http://127.0.0.1:$PORT/api/v1/events:import")
  ms=$(( ($(date +%s%N) - began) / 1000000 ))
  echo "$1: ${ms} ms, $(( EVENTS * 1000 / ms )) events/s, report $(echo "$report" | head -c 120)"
}

for run in $(seq 1 "$RUNS"); do
  rm -rf "$work/data"
  start_service
  wait_ready >/dev/null
  import_feed "run $run"
  [ "$run" = "$RUNS" ] && import_feed "replay"
  curl -sf -u "$AUTH" "http://127.0.0.1:$PORT/api/v1/customers/cust-7" | head -c 400; echo
  stop_service
done
