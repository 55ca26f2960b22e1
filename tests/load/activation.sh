#!/usr/bin/env bash
# Activation under load: wrk evaluates continuously against a copy of the shipped decision set while an approver
# switches it between two versions ACTIVATIONS times. Reports failed and mixed-version responses (both must be 0),
# the time of each activation call (it returns once this node evaluates with the new version) and publication
# (validate + compile) times. Run from the repository root: tests/load/activation.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

ACTIVATIONS=${ACTIVATIONS:-100}
PORT=${PORT:-18082}
SET=cv-load
. tests/load/service.sh
start_service
wait_ready >/dev/null

# Version 1: the shipped files under another name (without scenarios); version 2: its catch-all row says SILVER.
python3 tests/load/copy_set.py "$SET" "$work"
for v in 1 2; do
  curl -sf -o /dev/null -w "publication of version $v (validate + compile + store): %{time_total} s\n" \
    -u analyst:analyst-secret -H 'Content-Type: application/json' --data-binary "@$work/$SET-v$v.json" \
    "http://127.0.0.1:$PORT/api/v1/decision-sets/$SET/versions"
done
curl -sf -o /dev/null -u approver:approver-secret -X POST "http://127.0.0.1:$PORT/api/v1/decision-sets/$SET/versions/1/activate"

# The first requests after a JVM start stall while the HTTP path initialises (class loading, JSON serializers,
# JIT): one request first, so that what follows measures activations, not the start.
python3 -c 'import re,sys; s=open("tests/load/versions.lua").read(); print("".join(re.findall(r"\x27([^\x27]*)\x27", re.search(r"wrk.body = (.*?)\n\n", s, re.S).group(1))))' >"$work/customer.json"
curl -sf -o /dev/null -u channel:channel-secret -H 'Content-Type: application/json' -d "@$work/customer.json" \
  "http://127.0.0.1:$PORT/api/v1/decisions/$SET/evaluate"
SET=$SET wrk -t1 -c16 -d"$(( ACTIVATIONS / 4 + 8 ))s" -s tests/load/versions.lua "http://127.0.0.1:$PORT" >"$work/wrk.out" &
wrk_pid=$!
sleep 3
for i in $(seq 1 "$ACTIVATIONS"); do
  v=$(( i % 2 == 1 ? 2 : 1 ))
  curl -sf -o /dev/null -w "%{time_total}\n" -u approver:approver-secret -X POST \
    "http://127.0.0.1:$PORT/api/v1/decision-sets/$SET/versions/$v/activate" >>"$work/activations.txt"
  sleep 0.2
done
wait "$wrk_pid"
tail -2 "$work/wrk.out"
python3 - "$work/activations.txt" <<'PY'
import statistics, sys
times = sorted(float(t) * 1000 for t in open(sys.argv[1]))
print("activations: %d, call until this node evaluates with the new version: median %.1f ms, p95 %.1f ms, max %.1f ms"
      % (len(times), statistics.median(times), times[int(len(times) * 0.95) - 1], times[-1]))
PY
