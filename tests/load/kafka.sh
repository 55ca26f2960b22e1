#!/usr/bin/env bash
# Kafka consumption throughput: EVENTS behaviour events for CUSTOMERS customers (with profile facts, so re-decisions
# decide) are put on arbiter.events of a local broker (tests/kafka/broker.sh), then the service consumes them from a
# fresh store, RUNS times with re-decision on and off alternately; prints events/s per run from the service's own
# counters (first counted event to the last), then the medians.
# Usage: tests/load/kafka.sh [EVENTS] [CUSTOMERS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
EVENTS=${1:-500000}
CUSTOMERS=${2:-50000}
RUNS=${3:-3}
PORT=${PORT:-18095}
KAFKA_PORT=${KAFKA_PORT:-19295}
source tests/load/service.sh
CP_FILE=target/kafka-broker.classpath

tests/kafka/broker.sh "$KAFKA_PORT" "$work/kafka" >"$work/broker.log" 2>&1 &
broker=$!
trap 'stop_service; kill $broker 2>/dev/null; wait $broker 2>/dev/null; rm -rf "$work"' EXIT
until grep -q "broker ready" "$work/broker.log"; do kill -0 $broker || { cat "$work/broker.log"; exit 1; }; sleep 0.5; done

python3 tests/load/gen_customers.py "$CUSTOMERS" >"$work/customers.ndjson"
python3 tests/load/gen_events.py "$EVENTS" "$CUSTOMERS" >"$work/events.ndjson"
sent=$(java -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" io.arbiter.streaming.ProduceNdjson \
  "localhost:$KAFKA_PORT" arbiter.events "$work/events.ndjson" 2>/dev/null)
echo "topic: $sent events, $CUSTOMERS customers"

counted() {  # accepted + duplicates so far
  curl -sf "http://127.0.0.1:$MGMT_PORT/q/metrics" | awk '/^arbiter_kafka_events_total\{.*outcome="(accepted|duplicate)"/ {s += $2} END {printf "%d", s}'
}

declare -A rates
for run in $(seq 1 "$RUNS"); do
  for redecide in true false; do
    rm -rf "$work/data"
    start_service; wait_ready >/dev/null
    curl -sf -u admin:admin-secret -H 'Content-Type: application/x-ndjson' --data-binary @"$work/customers.ndjson" \
      "http://127.0.0.1:$PORT/api/v1/customers:import" >/dev/null
    stop_service
    ARBITER_KAFKA_BOOTSTRAP_SERVERS=localhost:$KAFKA_PORT ARBITER_KAFKA_GROUP_ID="bench-$run-$redecide" \
      ARBITER_KAFKA_REDECIDE=$redecide start_service
    until [ "$(counted 2>/dev/null || echo 0)" -gt 0 ]; do sleep 0.05; done
    first=$(counted); began=$(date +%s%N)
    while [ "$(counted)" -lt "$sent" ]; do sleep 0.1; done
    ms=$(( ($(date +%s%N) - began) / 1000000 ))
    rate=$(( (sent - first) * 1000 / ms ))
    echo "run $run redecide=$redecide: $(( sent - first )) events in ${ms} ms, $rate events/s"
    rates[$redecide]="${rates[$redecide]:-} $rate"
    stop_service
  done
done
for redecide in true false; do
  echo "median redecide=$redecide: $(echo ${rates[$redecide]} | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') events/s"
done
