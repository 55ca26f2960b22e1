#!/usr/bin/env bash
# Batch re-evaluation benchmark of the packaged service: import CUSTOMERS customers (default 1,000,000), then time
# a first APPLY (every customer's first decision), a second APPLY (outcomes mostly unchanged) and a DRY_RUN of the
# active version, each from submission to COMPLETED; report the peak heap during the jobs, and the latency of
# synchronous evaluations (wrk, paced to RATE/s) while the second APPLY runs; the heap a stored customer and a first
# decision retain (live objects by a class histogram: empty, after the import, after the first APPLY); and how long
# a restart (after a clean stop) takes to be ready with them all stored. Run from the repository root:
# tests/load/batch.sh
# APPS="<quarkus-app> <quarkus-app>" compares builds instead: ROUNDS rounds (default 1), each build in turn on a fresh
# data directory with the same customers, timing the three jobs alone.
set -euo pipefail
cd "$(dirname "$0")/../.."

CUSTOMERS=${CUSTOMERS:-1000000}
PORT=${PORT:-18082}
RATE=${RATE:-500}
SERVICE_HEAP=${SERVICE_HEAP:--Xmx2g}
. tests/load/service.sh

api="http://127.0.0.1:$PORT/api/v1"

heap_mib() {
  curl -s "http://127.0.0.1:$MGMT_PORT/q/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $NF} END {printf "%.0f", s / 1048576}'
}
# the bytes of the objects still live: a class histogram collects the whole heap first
live_heap() {
  jcmd "$(cat "$work/pid")" GC.class_histogram | awk '/^Total/ { print $3 }'
}


# Runs one job; prints its duration and the peak heap sampled every 0.5 s while it ran.
run_job() {
  local mode=$1 id began status peak=0 heap
  began=$(date +%s%N)
  id=$(curl -sf -u approver:approver-secret -H 'Content-Type: application/json' \
    -d "{\"decisionSet\": \"customer-value\", \"mode\": \"$mode\"}" "$api/batch-evaluations" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  while :; do
    status=$(curl -sf -u analyst:analyst-secret "$api/batch-evaluations/$id" -o "$work/job.json" -w '' &&
      python3 -c 'import json; print(json.load(open("'"$work/job.json"'"))["status"])')
    heap=$(heap_mib); [ "$heap" -gt "$peak" ] && peak=$heap
    case $status in COMPLETED|FAILED|CANCELLED) break ;; esac
    sleep 0.5
  done
  python3 - "$work/job.json" "$mode" "$(( ($(date +%s%N) - began) / 1000000 ))" "$peak" <<'PY'
import json, sys
job = json.load(open(sys.argv[1]))
s = job["summary"]
print("%s: %s in %.1f s (%d decided, %d changed, %d errors), peak heap %s MiB"
      % (sys.argv[2], job["status"], int(sys.argv[3]) / 1000, s["decided"], s["changed"], job["errors"]["count"], sys.argv[4]))
PY
}

import_customers() {
  curl -sf -u channel:channel-secret -H 'Content-Type: application/x-ndjson' --data-binary "@$work/customers.ndjson" \
    "$api/customers:import" -o /dev/null
  echo "imported $CUSTOMERS customers"
  curl -sf -u channel:channel-secret -H 'Content-Type: application/json' -d '{"customerId": "cust-1"}' \
    "$api/decisions/customer-value/evaluate" -o /dev/null
}

python3 tests/load/gen_customers.py "$CUSTOMERS" >"$work/customers.ndjson"
if [ -n "${APPS:-}" ]; then
  for round in $(seq "${ROUNDS:-1}"); do
    for APP in $APPS; do
      echo "round $round, $APP:"
      rm -rf "$work/data"
      start_service
      echo "ready in $(wait_ready) ms"
      import_customers
      run_job APPLY
      run_job APPLY
      run_job DRY_RUN
      stop_service
    done
  done
  exit 0
fi

start_service
echo "ready in $(wait_ready) ms"
empty=$(live_heap)
import_customers
imported=$(live_heap)
run_job APPLY
decided=$(live_heap)
awk -v e="$empty" -v i="$imported" -v d="$decided" -v n="$CUSTOMERS" 'BEGIN {
  printf "live heap: empty %.0f MiB, with the customers %.0f MiB, with their decisions %.0f MiB\n", e / 1048576, i / 1048576, d / 1048576
  printf "heap per stored customer %.0f bytes; per first decision (latest decision, history entry, feed item) %.0f bytes\n", (i - e) / n, (d - i) / n }'
run_job APPLY &
job=$!
sleep 2
CUSTOMERS=$CUSTOMERS RATE=$RATE CONNECTIONS=10 wrk -t1 -c10 -d20s -s tests/load/evaluate.lua \
  "http://127.0.0.1:$PORT" >"$work/wrk.txt" 2>&1 || true
wait $job
echo "synchronous evaluate while the second APPLY ran (wrk, $RATE/s):"
grep -E "^requests|^latency" "$work/wrk.txt" | sed 's/^/  /'
run_job DRY_RUN
stop_service
start_service
echo "restart after a clean stop with $CUSTOMERS customers and their decisions stored: ready in $(wait_ready) ms"
