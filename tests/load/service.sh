# Shared by the load scripts (source it): runs the packaged service on a scratch data directory on loopback.
# Needs PORT; the management interface (health, metrics) listens on MGMT_PORT, PORT + 1000 unless set.
# SERVICE_HEAP (default -Xmx1g) and SERVICE_JAVA_OPTS (for example a JFR recording) go to the JVM.
# Sets $work (removed on exit).

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
APP=${APP:-target/quarkus-app}
[ -f "$APP/quarkus-run.jar" ] || mvn -B -q -ntp package -DskipTests

MGMT_PORT=${MGMT_PORT:-$((PORT + 1000))}
work=$(mktemp -d)

start_service() {
  ARBITER_DATA_DIR="$work/data" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$PORT \
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MGMT_PORT \
    java "${SERVICE_HEAP:--Xmx1g}" ${SERVICE_JAVA_OPTS:-} -jar "$APP/quarkus-run.jar" >>"$work/service.log" 2>&1 &
  echo $! >"$work/pid"
}

# Waits until the service is ready; prints how long that took, in ms.
wait_ready() {
  local began
  began=$(date +%s%N)
  until curl -sf "http://127.0.0.1:$MGMT_PORT/q/health/ready" >/dev/null; do
    kill -0 "$(cat "$work/pid")" 2>/dev/null || { tail -20 "$work/service.log" >&2; exit 1; }
    sleep 0.1
  done
  echo $(( ($(date +%s%N) - began) / 1000000 ))
}

stop_service() {
  local pid
  pid=$(cat "$work/pid" 2>/dev/null) && kill "$pid" 2>/dev/null && while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  return 0
}

trap 'stop_service; rm -rf "$work"' EXIT
