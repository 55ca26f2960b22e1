#!/usr/bin/env bash
# Load benchmark of the synchronous decision API on loopback: 100,000 stored customers, HTTP Basic on,
# wrk (Debian) as the load generator on the same 2 cores. Prints throughput at saturation and latency at a
# paced 5,000 requests/s. Bounded in time; run from the repository root: tests/load/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

CUSTOMERS=${CUSTOMERS:-100000}
DURATION=${DURATION:-30s}
PORT=${PORT:-18080}
RATE=${RATE:-5000}
PACED_CONNECTIONS=${PACED_CONNECTIONS:-50}
SATURATION_CONNECTIONS=${SATURATION_CONNECTIONS:-32}

. tests/load/service.sh
start_service
wait_ready >/dev/null

python3 tests/load/gen_customers.py "$CUSTOMERS" >"$work/customers.ndjson"
start=$(date +%s%N)
curl -sf -u channel:channel-secret -H 'Content-Type: application/x-ndjson' --data-binary "@$work/customers.ndjson" \
  "http://127.0.0.1:$PORT/api/v1/customers:import" -o "$work/import.json"
end=$(date +%s%N)
echo "import of $CUSTOMERS customers: $(head -c 120 "$work/import.json") in $(( (end - start) / 1000000 )) ms"

export CUSTOMERS
echo "warm-up (15 s)"
wrk -t1 -c16 -d15s -s tests/load/evaluate.lua "http://127.0.0.1:$PORT" >/dev/null
echo "saturation: $SATURATION_CONNECTIONS connections, $DURATION"
wrk -t1 -c"$SATURATION_CONNECTIONS" -d"$DURATION" -s tests/load/evaluate.lua "http://127.0.0.1:$PORT" | tail -2
echo "paced: about $RATE requests/s over $PACED_CONNECTIONS connections, $DURATION"
RATE=$RATE CONNECTIONS=$PACED_CONNECTIONS wrk -t1 -c"$PACED_CONNECTIONS" -d"$DURATION" -s tests/load/evaluate.lua \
  "http://127.0.0.1:$PORT" | tail -2
curl -s "http://127.0.0.1:$MGMT_PORT/q/metrics" | python3 -c '
import sys
used = sum(float(l.split()[-1]) for l in sys.stdin if l.startswith("jvm_memory_used_bytes{area=\"heap\""))
print("service heap in use after the runs: %.0f MiB" % (used / 1048576))'
