#!/usr/bin/env bash
# What a rollout costs the answers. One service holds three copies of the shipped set, each with version 1 active and
# version 2 (catch-all SILVER) published: "plain" runs no rollout, "canary" a 20% canary of version 2, "shadow" a
# shadow rollout of it. wrk evaluates stored customers against each set in turn (8 connections, DURATION each), for
# WARMUP rounds unreported, then ROUNDS rounds (each starting with another set); it prints each run and the medians per set, then the shadow's
# compared and dropped evaluations (dropped: the shadow queue was full, so the challenger did not decide that request).
# CHALLENGER=same publishes version 1's files again as version 2, so the challenger decides exactly as the champion
# and the difference is what the rollout itself costs; the default (silver) includes the challenger's other outcomes.
# Run from the repository root: tests/load/rollout.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

CUSTOMERS=${CUSTOMERS:-10000}
DURATION=${DURATION:-15s}
ROUNDS=${ROUNDS:-5}
WARMUP=${WARMUP:-2}
CHALLENGER=${CHALLENGER:-silver}
PORT=${PORT:-18083}
. tests/load/service.sh
start_service
wait_ready >/dev/null
api="http://127.0.0.1:$PORT/api/v1"

python3 tests/load/gen_customers.py "$CUSTOMERS" >"$work/customers.ndjson"
curl -sf -o /dev/null -u channel:channel-secret -H 'Content-Type: application/x-ndjson' \
  --data-binary "@$work/customers.ndjson" "$api/customers:import"

for set in plain canary shadow; do
  python3 tests/load/copy_set.py "$set" "$work"
  [ "$CHALLENGER" = same ] && cp "$work/$set-v1.json" "$work/$set-v2.json"
  for v in 1 2; do
    curl -sf -o /dev/null -u analyst:analyst-secret -H 'Content-Type: application/json' \
      --data-binary "@$work/$set-v$v.json" "$api/decision-sets/$set/versions"
  done
  curl -sf -o /dev/null -u approver:approver-secret -X POST "$api/decision-sets/$set/versions/1/activate"
done
curl -sf -o /dev/null -u approver:approver-secret -H 'Content-Type: application/json' \
  -d '{"version": 2, "mode": "CANARY", "percent": 20}' "$api/decision-sets/canary/rollouts"
curl -sf -o /dev/null -u approver:approver-secret -H 'Content-Type: application/json' \
  -d '{"version": 2, "mode": "SHADOW"}' "$api/decision-sets/shadow/rollouts"

run() { # set
  SET=$1 CUSTOMERS=$CUSTOMERS wrk -t1 -c8 -d"$DURATION" --latency -s tests/load/evaluate.lua "http://127.0.0.1:$PORT" \
    | awk '/ 50%/ {p50=$2} / 99%/ {p99=$2} /Requests\/sec/ {rps=$2} /Non-2xx/ {bad=$NF}
        END {printf "%s %s %s %s\n", rps, p50, p99, (bad == "" ? 0 : bad)}'
}
for _ in $(seq "$WARMUP"); do for set in plain canary shadow; do run "$set" >/dev/null; done; done # JIT
sets=(plain canary shadow)
for round in $(seq "$ROUNDS"); do
  # each round starts with another set, so that no set always follows the shadow's (draining) run
  for i in 0 1 2; do
    set=${sets[$(( (i + round) % 3 ))]}
    read -r rps p50 p99 bad < <(run "$set")
    printf "round %d %-7s %9s req/s  p50 %-8s p99 %-8s non-2xx %s\n" "$round" "$set" "$rps" "$p50" "$p99" "$bad"
    echo "$set $rps" >>"$work/runs"
    sleep 2 # let the shadow queue drain before the next set's run
  done
done
echo "medians of $ROUNDS rounds (req/s), and their ratio to plain:"
python3 - "$work/runs" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, rps = line.split()
    runs.setdefault(name, []).append(float(rps))
plain = statistics.median(runs["plain"])
for name in ("plain", "canary", "shadow"):
    m = statistics.median(runs[name])
    print(f"  {name:7s} {m:10.0f}  {m / plain:6.3f}")
PY
curl -sf -u analyst:analyst-secret "$api/decision-sets/shadow/rollouts/current" | python3 -c '
import json, sys
c = json.load(sys.stdin)["comparison"]
print("shadow: %d champion decisions, %d compared by the challenger, %d dropped (queue full), %d failed"
      % (c["champion"]["decisions"], c["challenger"]["decisions"], c["shadowDropped"], c["challenger"]["failures"]))'
