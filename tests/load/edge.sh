#!/usr/bin/env bash
# Evaluation latency under two hostile loads, with the edge's protections (A: the defaults) and without them (B:
# failed-login throttling, the password-check bound, the body pace and the import bound all set out of reach), both
# services up at once and loaded in turn, A then B, for each load:
#   quiet     no other load
#   logins    8 clients sending a wrong password 10 times a second each
#   trickle   200 NDJSON imports sending one byte every 5 s
# wrk measures evaluate of stored customers (8 connections, 20 s) during each; it prints p50 and p99.
# Run from the repository root: tests/load/edge.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

CUSTOMERS=${CUSTOMERS:-10000}
DURATION=${DURATION:-20s}
APP=${APP:-target/quarkus-app}
[ -f "$APP/quarkus-run.jar" ] || mvn -B -q -ntp package -DskipTests
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

start() { # name port extra-env...
  local name=$1 port=$2
  shift 2
  env ARBITER_DATA_DIR="$work/$name" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$((port + 1000)) "$@" \
    java -Xmx1g -jar "$APP/quarkus-run.jar" >"$work/$name.log" 2>&1 &
  pids+=($!)
}
start A 18101
start B 18102 ARBITER_SECURITY_LOGIN_MAX_FAILURES_PER_CLIENT=100000000 \
  ARBITER_SECURITY_LOGIN_MAX_FAILURES_PER_USER=100000000 ARBITER_SECURITY_LOGIN_CONCURRENT_CHECKS=64 \
  ARBITER_HTTP_BODY_GRACE=1h ARBITER_HTTP_MAX_CONCURRENT_IMPORTS=100000
python3 tests/load/gen_customers.py "$CUSTOMERS" >"$work/customers.ndjson"
for port in 18101 18102; do
  until curl -sf "http://127.0.0.1:$((port + 1000))/q/health/ready" >/dev/null; do sleep 0.5; done
  curl -sf -u channel:channel-secret -H 'Content-Type: application/x-ndjson' --data-binary "@$work/customers.ndjson" \
    "http://127.0.0.1:$port/api/v1/customers:import" >/dev/null
  CUSTOMERS=$CUSTOMERS wrk -t1 -c8 -d10s -s tests/load/evaluate.lua "http://127.0.0.1:$port" >/dev/null
done

wrong_logins() { # port seconds: 8 loops of 10 wrong passwords a second
  local port=$1 until=$(( $(date +%s) + $2 ))
  for i in 1 2 3 4 5 6 7 8; do
    ( while [ "$(date +%s)" -lt "$until" ]; do
        curl -s -o /dev/null -u "analyst:wrong-$i" "http://127.0.0.1:$port/api/v1/me" &
        sleep 0.1
      done; wait ) &
  done
}

trickle() { # port seconds: 200 imports sending one byte every 5 s
  python3 - "$1" "$2" <<'EOF' &
import socket, sys, time, base64
port, seconds = int(sys.argv[1]), int(sys.argv[2])
auth = base64.b64encode(b"channel:channel-secret").decode()
socks = []
for i in range(200):
    try:
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(("POST /api/v1/events:import HTTP/1.1\r\nHost: x\r\nAuthorization: Basic %s\r\n"
                   "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n" % auth).encode())
        socks.append(s)
    except OSError:
        pass
end = time.time() + seconds
while time.time() < end:
    for s in socks:
        try:
            s.sendall(b"1\r\n \r\n")
        except OSError:
            pass
    time.sleep(5)
EOF
}

measure() { # label port
  CUSTOMERS=$CUSTOMERS wrk -t1 -c8 -d"$DURATION" --latency -s tests/load/evaluate.lua "http://127.0.0.1:$2" \
    | awk -v label="$1" '/ 50%/ {p50=$2} / 99%/ {p99=$2} /Requests\/sec/ {rps=$2} /Socket errors/ {err=$0}
        END {printf "%-28s p50 %-9s p99 %-9s %s req/s %s\n", label, p50, p99, rps, err}'
}

seconds=${DURATION%s}
for load in quiet logins trickle; do
  for side in A B; do
    port=$([ "$side" = A ] && echo 18101 || echo 18102)
    case $load in
      logins) wrong_logins "$port" $((seconds + 2)); sleep 1 ;;
      trickle) trickle "$port" $((seconds + 12)); sleep 11 ;;
    esac
    measure "$load ($side)" "$port"
    wait_jobs=$(jobs -p | grep -v -F -x -f <(printf '%s\n' "${pids[@]}") || true)
    [ -z "$wait_jobs" ] || wait $wait_jobs 2>/dev/null || true
  done
done
grep -c "a request body was cut" "$work/A.log" | xargs echo "A: trickling bodies cut and logged:"
