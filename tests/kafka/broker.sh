#!/usr/bin/env bash
# A one-node Kafka broker (KRaft, combined broker and controller) on a local port, from Kafka's own test kit at the
# version the Quarkus BOM pins: the broker the Kafka tests use, so Kafka mode can be tried without installing Kafka.
#   tests/kafka/broker.sh [PORT (9092)] [DATA_DIR (a new temporary directory)]
# Then run the service with ARBITER_KAFKA_BOOTSTRAP_SERVERS=localhost:PORT (docs/kafka.md). Ctrl-C stops the broker.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${1:-9092}
DATA=${2:-$(mktemp -d)}
[ -f target/test-classes/io/arbiter/streaming/KafkaBroker.class ] || mvn -B -q -ntp -Dwebui.skip test-compile
CP_FILE=target/kafka-broker.classpath
[ -f "$CP_FILE" ] || mvn -B -q -ntp dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE"
exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dorg.jboss.logging.provider=jboss \
  -cp "target/test-classes:target/classes:$(cat "$CP_FILE")" io.arbiter.streaming.KafkaBroker "$PORT" "$DATA"
