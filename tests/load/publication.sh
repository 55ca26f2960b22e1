#!/usr/bin/env bash
# Publication time of the shipped set through the API (validate: limits, safety checks, compile, kie's DMN
# validator, scenario suites; then store), for one or two builds side by side: APPS="old-app new-app" alternates
# them ROUNDS times, each on a fresh data directory, publishing the shipped files (scenarios included) PUBLICATIONS
# times under a new set name. Reports each build's median of all publications after the first (JIT warm-up) and
# of each round's first. Run from the repository root: APPS="/tmp/old/target/quarkus-app target/quarkus-app" \
# tests/load/publication.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

PUBLICATIONS=${PUBLICATIONS:-20}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18083}
APPS=${APPS:-target/quarkus-app}
results=$(mktemp /tmp/publication-XXXXXX)


python3 - >"$results.json" <<'PY'
import json, pathlib
manifest = pathlib.Path("decisions/customer-value.yaml").read_text().replace("name: customer-value", "name: cv-publish")
files = {"cv-publish.yaml": manifest,
         "value-tier.dmn": pathlib.Path("dmn/value-tier.dmn").read_text(),
         "risk-grade.dmn": pathlib.Path("dmn/risk-grade.dmn").read_text(),
         "retention-actions.drl": pathlib.Path("src/main/resources/rules/retention-actions.drl").read_text(),
         "customer-alerts.drl": pathlib.Path("src/main/resources/rules/customer-alerts.drl").read_text(),
         "scenarios.yaml": pathlib.Path("decisions/customer-value/scenarios.yaml").read_text()}
print(json.dumps({"files": files, "comment": "publication benchmark"}))
PY

for round in $(seq 1 "$ROUNDS"); do
  for app in $APPS; do
    APP=$app
    . tests/load/service.sh
    start_service
    wait_ready >/dev/null
    for i in $(seq 1 "$PUBLICATIONS"); do
      status_and_time=$(curl -s -o /dev/null -w "%{http_code} %{time_total}" -u analyst:analyst-secret \
        -H 'Content-Type: application/json' --data-binary "@$results.json" \
        "http://127.0.0.1:$PORT/api/v1/decision-sets/cv-publish/versions")
      [ "${status_and_time%% *}" = 201 ] || { echo "publication $i with $app answered ${status_and_time%% *}" >&2; exit 1; }
      echo "$app $round $i ${status_and_time#* }" >>"$results"
    done
    stop_service
    rm -rf "$work"
  done
done
rm -f "$results.json"
python3 - "$results" <<'PY'
import collections, statistics, sys
warm, first = collections.defaultdict(list), collections.defaultdict(list)
for line in open(sys.argv[1]):
    app, rnd, i, seconds = line.split()
    (first if i == "1" else warm)[app].append(float(seconds) * 1000)
for app in warm:
    print("%-40s publication of the shipped set: median %.0f ms warm (%d), first of each round %s ms"
          % (app, statistics.median(warm[app]), len(warm[app]), ", ".join("%.0f" % t for t in first[app])))
PY
rm -f "$results"
