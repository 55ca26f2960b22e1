#!/usr/bin/env bash
# The cost of a decision beside the HTTP stack's own. wrk alternates GET /api/v1/me (authenticated, trivial) and
# POST /api/v1/decisions/customer-value/evaluate of a random stored customer, ROUNDS times each at saturation, and
# prints each round's throughputs, their ratio and the service's CPU time per request; then the evaluation paced to RATE requests/s (p50/p99).
# Each build is first warmed up, WARMUP (default 60s) of evaluations and 20 s of /me: on 2 cores the JIT compilers
# take 40-60 s of saturation to settle (docs/benchmarks.md). Every measurement also prints the share of the service's
# CPU its JIT compiler threads took, so a figure taken before they settled shows as such.
# APPS="<quarkus-app> <quarkus-app>" runs several builds side by side, each on its own port and data directory, and
# alternates between them within every round. SERVICE_JAVA_OPTS (for example a JFR recording) goes to every JVM.
# Run from the repository root: tests/load/http.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

CUSTOMERS=${CUSTOMERS:-100000}
DURATION=${DURATION:-20s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-60s}
CONNECTIONS=${CONNECTIONS:-32}
RATE=${RATE:-5000}
PACED_CONNECTIONS=${PACED_CONNECTIONS:-50}
APPS=${APPS:-target/quarkus-app}
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
for app in $APPS; do [ -f "$app/quarkus-run.jar" ] || mvn -B -q -ntp package -DskipTests; done

work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
apps=($APPS)
python3 tests/load/gen_customers.py "$CUSTOMERS" >"$work/customers.ndjson"
for i in "${!apps[@]}"; do
  port=$((18200 + i))
  ARBITER_DATA_DIR="$work/data-$i" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port \
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$((port + 1000)) \
    java -Xmx1g ${SERVICE_JAVA_OPTS:-} -jar "${apps[$i]}/quarkus-run.jar" >"$work/service-$i.log" 2>&1 &
  pids+=($!)
  until curl -sf "http://127.0.0.1:$((port + 1000))/q/health/ready" >/dev/null; do
    kill -0 "${pids[$i]}" 2>/dev/null || { tail -20 "$work/service-$i.log" >&2; exit 1; }
    sleep 0.2
  done
  curl -sf -u channel:channel-secret -H 'Content-Type: application/x-ndjson' --data-binary "@$work/customers.ndjson" \
    "http://127.0.0.1:$port/api/v1/customers:import" >/dev/null
done
export CUSTOMERS
rate() { awk '/^requests/ { sub(/\/s/, "", $NF); print $NF }'; }
requests() { awk '/^requests/ { sub(/,/, "", $2); print $2 }'; }
# CPU time the service's JVM has used, in clock ticks (user + system): the machine is shared, so the CPU a request
# costs is steadier than the throughput it reaches
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# the same, of the JIT compiler threads alone
jit() { cat /proc/"$1"/task/*/stat 2>/dev/null | awk '/\(C[12] CompilerThre\)/ { sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }'; }
# wrk on a service with a script: prints wrk's two summary lines and the service's CPU microseconds per request
measure() { # pid url script [wrk options...]
  local pid=$1 url=$2 script=$3 before jit_before out
  shift 3
  before=$(cpu "$pid")
  jit_before=$(jit "$pid")
  out=$(wrk -t1 "$@" -s "$script" "$url" | tail -2)
  echo "$out"
  awk -v used=$(($(cpu "$pid") - before)) -v compiling=$(($(jit "$pid") - jit_before)) \
    -v n="$(requests <<<"$out")" -v hz="$(getconf CLK_TCK)" \
    'BEGIN { printf "cpu %.0f us/request, JIT compilers %.0f%% of it\n", used / hz * 1e6 / n, 100 * compiling / used }'
}

echo "warm-up of each build: evaluate $WARMUP, /me 20s"
for i in "${!apps[@]}"; do
  wrk -t1 -c16 -d"$WARMUP" -s tests/load/evaluate.lua "http://127.0.0.1:$((18200 + i))" >/dev/null
  wrk -t1 -c16 -d20s -s tests/load/me.lua "http://127.0.0.1:$((18200 + i))" >/dev/null
done
for round in $(seq "$ROUNDS"); do
  for i in "${!apps[@]}"; do
    url="http://127.0.0.1:$((18200 + i))"
    me=$(measure "${pids[$i]}" "$url" tests/load/me.lua -c"$CONNECTIONS" -d"$DURATION")
    evaluate=$(measure "${pids[$i]}" "$url" tests/load/evaluate.lua -c"$CONNECTIONS" -d"$DURATION")
    m=$(rate <<<"$me"); e=$(rate <<<"$evaluate")
    echo "round $round, ${apps[$i]}: /me $m/s, evaluate $e/s, ratio $(awk -v e="$e" -v m="$m" 'BEGIN { printf "%.3f", e / m }')"
    echo "  /me:      $(sed -n 2p <<<"$me"), $(tail -1 <<<"$me")"
    echo "  evaluate: $(sed -n 2p <<<"$evaluate"), $(tail -1 <<<"$evaluate")"
  done
done
for i in "${!apps[@]}"; do
  echo "${apps[$i]}: evaluate paced to about $RATE requests/s over $PACED_CONNECTIONS connections, $DURATION"
  RATE=$RATE CONNECTIONS=$PACED_CONNECTIONS measure "${pids[$i]}" "http://127.0.0.1:$((18200 + i))" \
    tests/load/evaluate.lua -c"$PACED_CONNECTIONS" -d"$DURATION"
done
