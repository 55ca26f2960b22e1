#!/usr/bin/env bash
# Cluster benchmark on loopback, all on the same 2 cores: three packaged nodes (static discovery) and one single
# node of the same build. Measures
#   1. activation propagation: ACTIVATIONS activations through node 1, once the impact analysis the publication
#      started is over, each timed from the activation's answer until nodes 2 and 3 report the version in
#      /q/health/ready (polled with curl and python, which adds tens of ms); median and p95;
#   2. evaluate throughput (wrk, 32 connections) and p99 at a paced RATE/s against node 1 and against the single
#      node, alternated ROUNDS times;
#   3. batch APPLY of every customer (CUSTOMERS) started on node 1, against the same on the single node.
# The three cluster JVMs share the 2 cores with each other and with wrk, so a cluster figure is what one node of a
# three-node cluster gives when its peers compete for the same CPU, not what three machines give.
# Run from the repository root: tests/load/cluster.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

CUSTOMERS=${CUSTOMERS:-200000}
ACTIVATIONS=${ACTIVATIONS:-20}
ROUNDS=${ROUNDS:-2}
DURATION=${DURATION:-20s}
RATE=${RATE:-5000}
PORT=${PORT:-18090}
AUDIT_SEAL_KEY=$(head -c 32 /dev/urandom | base64)
HEAP=${HEAP:--Xmx768m}
APP=${APP:-target/quarkus-app}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -f "$APP/quarkus-run.jar" ] || mvn -B -q -ntp package -DskipTests
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT

members="127.0.0.1[17801],127.0.0.1[17802],127.0.0.1[17803]"
start_node() { # n: cluster node n on port PORT+n; 0: the single node on PORT
  local n=$1
  local -a cluster=()
  if [ "$n" -gt 0 ]; then
    cluster=(ARBITER_CLUSTER_ENABLED=true "ARBITER_CLUSTER_NODE_NAME=node-$n" ARBITER_CLUSTER_BIND_ADDRESS=127.0.0.1
             "ARBITER_CLUSTER_PORT=1780$n" "ARBITER_CLUSTER_INITIAL_HOSTS=$members"
             "ARBITER_AUDIT_SEAL_KEY=$AUDIT_SEAL_KEY")
  fi
  env "${cluster[@]}" ARBITER_DATA_DIR="$work/data-$n" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$((PORT + n)) \
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$((PORT + 1000 + n)) \
    java "$HEAP" -jar "$APP/quarkus-run.jar" >>"$work/node-$n.log" 2>&1 &
  pids+=($!)
}
await_ready() {
  until curl -sf "http://127.0.0.1:$((PORT + 1000 + $1))/q/health/ready" >/dev/null; do sleep 0.5; done
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

for n in 0 1 2 3; do start_node "$n"; done
for n in 0 1 2 3; do await_ready "$n"; done
echo "four JVMs ready: one single node (port $PORT) and a three-node cluster (ports $((PORT + 1))-$((PORT + 3)))"

python3 tests/load/gen_customers.py "$CUSTOMERS" >"$work/customers.ndjson"
for n in 0 1; do
  began=$(now_ms)
  curl -sf -u channel:channel-secret -H 'Content-Type: application/x-ndjson' --data-binary "@$work/customers.ndjson" \
    "http://127.0.0.1:$((PORT + n))/api/v1/customers:import" -o "$work/import-$n.json"
  echo "import of $CUSTOMERS customers through $([ "$n" = 0 ] && echo "the single node" || echo "cluster node 1"):" \
    "$(( $(now_ms) - began )) ms, $(head -c 80 "$work/import-$n.json")"
done

# 1. activation propagation: a second version of the default set, then activations alternating between the two
python3 - "$work" <<'PY'
import json, pathlib, re, sys
manifest = re.sub(r"(?s)\nscenarios:.*", "\n", pathlib.Path("decisions/customer-value.yaml").read_text())
files = {"customer-value.yaml": manifest,
         "value-tier.dmn": pathlib.Path("dmn/value-tier.dmn").read_text(),
         "risk-grade.dmn": pathlib.Path("dmn/risk-grade.dmn").read_text(),
         "retention-actions.drl": pathlib.Path("src/main/resources/rules/retention-actions.drl").read_text(),
         "customer-alerts.drl": pathlib.Path("src/main/resources/rules/customer-alerts.drl").read_text()}
(pathlib.Path(sys.argv[1]) / "version.json").write_text(json.dumps({"files": files, "comment": "benchmark"}))
PY
new=$(curl -sf -u analyst:analyst-secret -H 'Content-Type: application/json' --data-binary "@$work/version.json" \
  "http://127.0.0.1:$((PORT + 1))/api/v1/decision-sets/customer-value/versions" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])')
# the publication starts an impact analysis on every member: activations are timed once it is over
until ! curl -sf -u approver:approver-secret "http://127.0.0.1:$((PORT + 1))/api/v1/batch-evaluations" \
    | grep -q '"status":"\(QUEUED\|RUNNING\)"'; do sleep 1; done
active_on() {
  curl -sf "http://127.0.0.1:$((PORT + 1000 + $1))/q/health/ready" | python3 -c 'import json,sys; print(json.load(sys.stdin)["checks"][0]["data"]["customer-value"])'
}
: >"$work/propagation.txt"
for i in $(seq 1 "$ACTIVATIONS"); do
  version=$([ $((i % 2)) = 1 ] && echo "$new" || echo 1)
  curl -sf -o /dev/null -u approver:approver-secret -X POST \
    "http://127.0.0.1:$((PORT + 1))/api/v1/decision-sets/customer-value/versions/$version/activate"
  began=$(now_ms)
  for n in 2 3; do
    until [ "$(active_on "$n")" = "v$version" ]; do sleep 0.002; done
  done
  echo $(( $(now_ms) - began )) >>"$work/propagation.txt"
done
sort -n "$work/propagation.txt" | python3 -c '
import sys; v = [int(x) for x in sys.stdin]
print(f"activation propagation over {len(v)} activations: median {v[len(v)//2]} ms, p95 {v[min(len(v)-1, int(len(v)*0.95))]} ms, max {v[-1]} ms")'

# 2. evaluate: single node and cluster node 1 alternated
export CUSTOMERS
for target in 0 1; do wrk -t1 -c16 -d10s -s tests/load/evaluate.lua "http://127.0.0.1:$((PORT + target))" >/dev/null; done
for round in $(seq 1 "$ROUNDS"); do
  for target in 0 1; do
    name=$([ "$target" = 0 ] && echo "single node   " || echo "cluster node 1")
    echo "round $round, $name saturation, 32 connections: $(wrk -t1 -c32 -d"$DURATION" -s tests/load/evaluate.lua \
      "http://127.0.0.1:$((PORT + target))" | tail -2 | tr '\n' ' ')"
    echo "round $round, $name paced to about $RATE/s: $(RATE=$RATE CONNECTIONS=50 wrk -t1 -c50 -d"$DURATION" \
      -s tests/load/evaluate.lua "http://127.0.0.1:$((PORT + target))" | tail -2 | tr '\n' ' ')"
  done
done

# 3. batch APPLY of every customer
for n in 0 1; do
  job=$(curl -sf -u approver:approver-secret -H 'Content-Type: application/json' \
    -d '{"decisionSet": "customer-value", "mode": "APPLY"}' "http://127.0.0.1:$((PORT + n))/api/v1/batch-evaluations" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
  began=$(now_ms)
  until curl -sf -u approver:approver-secret "http://127.0.0.1:$((PORT + n))/api/v1/batch-evaluations/$job" \
      | grep -q '"status":"COMPLETED"'; do sleep 0.5; done
  elapsed=$(( $(now_ms) - began ))
  echo "batch APPLY of $CUSTOMERS customers on $([ "$n" = 0 ] && echo "the single node" || echo "the three-node cluster"):" \
    "$elapsed ms, $(( CUSTOMERS * 1000 / elapsed )) customers/s"
done
