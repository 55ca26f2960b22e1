#!/usr/bin/env bash
# Crash-restart benchmark of the packaged service: import CUSTOMERS customers (default 1,000,000), kill -9 the
# service, restart it on the same data directory and time until it is ready again; then the same after a clean
# stop. Run from the repository root: tests/load/restart.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

CUSTOMERS=${CUSTOMERS:-1000000}
PORT=${PORT:-18081}
SERVICE_HEAP=-Xmx2g
. tests/load/service.sh

start_service
echo "first start ready in $(wait_ready) ms"
python3 tests/load/gen_customers.py "$CUSTOMERS" >"$work/customers.ndjson"
began=$(date +%s%N)
curl -sf -u channel:channel-secret -H 'Content-Type: application/x-ndjson' --data-binary "@$work/customers.ndjson" \
  "http://127.0.0.1:$PORT/api/v1/customers:import" -o "$work/import.json"
head -c 100 "$work/import.json"; echo
echo "import of $CUSTOMERS customers in $(( ($(date +%s%N) - began) / 1000000 )) ms"
rm "$work/customers.ndjson"
kill -9 "$(cat "$work/pid")"; sleep 1
echo "data directory after kill -9: $(du -sh "$work/data" | cut -f1)"
start_service
echo "restart after kill -9 ready in $(wait_ready) ms"
curl -sf -u channel:channel-secret "http://127.0.0.1:$PORT/api/v1/customers/cust-$((CUSTOMERS - 1))" -o "$work/last.json"
echo "last imported customer after the crash: $(head -c 60 "$work/last.json")..."
stop_service
start_service
echo "restart after a clean stop ready in $(wait_ready) ms"
curl -s "http://127.0.0.1:$MGMT_PORT/q/metrics" | python3 -c '
import sys
used = sum(float(l.split()[-1]) for l in sys.stdin if l.startswith("jvm_memory_used_bytes{area=\"heap\""))
print("heap in use after restart with all customers loaded: %.0f MiB" % (used / 1048576))'
