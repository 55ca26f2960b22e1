#!/usr/bin/env bash
# The full CDNOW master file (23,570 customers, 69,659 purchases, ../shared/datasets/cdnow) through the service:
# imported with POST /api/v1/events:import, then BG/NBD and Gamma-Gamma fitted with POST /api/v1/models/clv/fits
# (calibration to 1997-09-30). Prints the import rate, the fit's parameters and its durations (the service log
# splits summarising the logs from fitting the models).
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-18095}
MASTER=../shared/datasets/cdnow/CDNOW_master.txt
export ARBITER_REPORTING_CURRENCY=USD ARBITER_ANALYTICS_REFERENCE_DATE=1998-06-30 ARBITER_ANALYTICS_REFRESH_CRON=off
source tests/load/service.sh

awk 'NR > 1 { d = $2; printf "{\"eventId\":\"m-%d\",\"customerId\":\"cdnow-%s\",\"type\":\"PURCHASE\",\"occurredAt\":\"%s-%s-%sT12:00:00-05:00\",\"amount\":%s,\"currency\":\"USD\"}\n", NR, $1, substr(d,1,4), substr(d,5,2), substr(d,7,2), $4 }' \
  "$MASTER" >"$work/master.ndjson"
start_service
wait_ready >/dev/null
began=$(date +%s%N)
curl -sf -u channel:channel-secret -H 'Content-Type: application/x-ndjson' --data-binary @"$work/master.ndjson" \
  "http://127.0.0.1:$PORT/api/v1/events:import" | head -c 120; echo
echo "import: $(( ($(date +%s%N) - began) / 1000000 )) ms"
location=$(curl -sf -D - -o /dev/null -u analyst:analyst-secret -H 'Content-Type: application/json' \
  -d '{"calibrationEnd": "1997-09-30"}' "http://127.0.0.1:$PORT/api/v1/models/clv/fits" | tr -d '\r' | awk '/^Location:/ { print $2 }')
location=/api/${location#*/api/}
until fit=$(curl -sf -u analyst:analyst-secret "http://127.0.0.1:$PORT$location") && ! grep -q '"RUNNING"' <<<"$fit"; do
  kill -0 "$(cat "$work/pid")" || exit 1
  sleep 0.5
done
echo "$fit"
grep 'clv fit' "$work/service.log" | sed 's/.*INFO *//'
