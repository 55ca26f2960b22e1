#!/usr/bin/env bash
# A three-node Arbiter cluster on this machine (127.0.0.1, static discovery), to try clustering without Kubernetes.
#
#   tests/cluster/run.sh start      build if needed, start node-1..node-3 and wait until each is ready
#   tests/cluster/run.sh status     each node's view of the cluster (GET /api/v1/cluster)
#   tests/cluster/run.sh stop       SIGTERM to every node
#   tests/cluster/run.sh shutdown   the planned stop of the whole cluster; "start" brings every entry back
#
# HTTP on 8081-8083, the management interface (health, metrics) on 9081-9083, JGroups on 7801-7803 (and 7901-7903
# for failure detection), data under $CLUSTER_DIR (default target/cluster), one directory and one log per node. Demo
# users as on the embedded default; the audit seal key, which every node must share, is generated into $CLUSTER_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
CLUSTER_DIR="${CLUSTER_DIR:-target/cluster}"
NODES=(1 2 3)
MEMBERS="127.0.0.1[7801],127.0.0.1[7802],127.0.0.1[7803]"
mkdir -p "$CLUSTER_DIR"
[ -f "$CLUSTER_DIR/audit-seal.key" ] || head -c 32 /dev/urandom | base64 >"$CLUSTER_DIR/audit-seal.key"
AUDIT_SEAL_KEY=$(cat "$CLUSTER_DIR/audit-seal.key")

start_node() {
  local n=$1 dir="$CLUSTER_DIR/node-$1"
  mkdir -p "$dir"
  ARBITER_DATA_DIR="$dir/data" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="808$n" \
  QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="908$n" \
  ARBITER_CLUSTER_ENABLED=true ARBITER_CLUSTER_NODE_NAME="node-$n" ARBITER_CLUSTER_BIND_ADDRESS=127.0.0.1 \
  ARBITER_CLUSTER_PORT="780$n" ARBITER_CLUSTER_DISCOVERY=static ARBITER_CLUSTER_INITIAL_HOSTS="$MEMBERS" \
  ARBITER_AUDIT_SEAL_KEY="$AUDIT_SEAL_KEY" \
    nohup java -Xmx512m -jar target/quarkus-app/quarkus-run.jar >>"$dir/node.log" 2>&1 &
  echo $! >"$dir/pid"
}

await_ready() {
  local n=$1
  for _ in $(seq 1 240); do
    if curl -fsS "http://127.0.0.1:908$n/q/health/ready" >/dev/null 2>&1; then
      echo "node-$n ready on http://127.0.0.1:808$n"
      return 0
    fi
    sleep 1
  done
  echo "node-$n not ready after 240 s; see $CLUSTER_DIR/node-$n/node.log" >&2
  return 1
}

case "${1:-}" in
  start)
    [ -f target/quarkus-app/quarkus-run.jar ] || mvn -B -ntp -DskipTests package
    for n in "${NODES[@]}"; do start_node "$n"; done
    for n in "${NODES[@]}"; do await_ready "$n"; done
    ;;
  status)
    for n in "${NODES[@]}"; do
      curl -sS -u admin:admin-secret "http://127.0.0.1:808$n/api/v1/cluster" || echo "node-$n: not answering"
      echo
    done
    ;;
  stop)
    for n in "${NODES[@]}"; do
      [ -f "$CLUSTER_DIR/node-$n/pid" ] && kill "$(cat "$CLUSTER_DIR/node-$n/pid")" 2>/dev/null || true
    done
    ;;
  shutdown)
    curl -fsS -u admin:admin-secret -X POST "http://127.0.0.1:8081/api/v1/cluster/shutdown"
    echo
    for n in "${NODES[@]}"; do
      [ -f "$CLUSTER_DIR/node-$n/pid" ] || continue
      pid="$(cat "$CLUSTER_DIR/node-$n/pid")"
      while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
      echo "node-$n stopped"
    done
    ;;
  *)
    sed -n '2,10p' "$0"
    exit 2
    ;;
esac
