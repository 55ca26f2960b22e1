package io.arbiter.streaming;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft broker (combined broker and controller) from Kafka's own test kit, in this JVM: what the Kafka
 * tests talk to, and what {@code tests/kafka/broker.sh} runs on a fixed local port so that anyone can try Kafka mode
 * without installing Kafka. Topics are created on first use.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** A broker on a free port, its data in a temporary directory. */
    public static KafkaBroker start() throws Exception {
        return start(0, Files.createTempDirectory("arbiter-kafka"));
    }

    /** A broker on {@code port} (0: any free port), its logs and metadata under {@code directory}. */
    public static KafkaBroker start(int port, Path directory) throws Exception {
        TestKitNodes.Builder nodes = new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).setBaseDirectory(directory);
        if (port != 0) {
            nodes.setPerServerProperties(Map.of(0, Map.of("listeners",
                    "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:0")));
        }
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes.build())
                .setConfigProp("auto.create.topics.enable", "true")
                .setConfigProp("num.partitions", "4")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "4")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new KafkaBroker(cluster);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    /** {@code tests/kafka/broker.sh}: runs until stopped, on the port given (default 9092). */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9092;
        Path directory = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("arbiter-kafka");
        KafkaBroker broker = start(port, directory);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }));
        System.out.println("Kafka broker ready: bootstrap servers " + broker.bootstrapServers() + ", data in " + directory);
        Thread.currentThread().join();
    }
}
