package io.arbiter.streaming;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A one-node KRaft broker (combined broker and controller) from Kafka's own test kit, in this JVM: what the Kafka
 * tests talk to, and what {@code tests/kafka/broker.sh} runs on a fixed local port so that anyone can try Kafka mode
 * without installing Kafka. Arbiter's default topics are made at start (four partitions each); others on first use.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Arbiter's default topics, made at start so that nothing races their creation. */
    public static final List<String> ARBITER_TOPICS = List.of("arbiter.events", "arbiter.events.dlq",
            "arbiter.decision-changes", "arbiter.alerts", "arbiter.decision-requests", "arbiter.decision-responses");

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
        KafkaBroker broker = new KafkaBroker(cluster);
        broker.createTopics(ARBITER_TOPICS);
        return broker;
    }

    /**
     * Creates the topics (4 partitions each, when missing) and waits until every partition has a leader. Producing to
     * a topic the broker creates on first use can race its leader election: an idempotent producer then retried
     * {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until its delivery timeout, and its records never arrived.
     */
    public void createTopics(List<String> names) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = names.stream().filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, 4, (short) 1)).toList();
            admin.createTopics(missing).all().get();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!led(admin, names)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the topics " + names + " have no leaders after 30 s");
                }
                Thread.sleep(50);
            }
        }
    }

    private static boolean led(Admin admin, List<String> names) throws Exception {
        try {
            return admin.describeTopics(names).allTopicNames().get().values().stream()
                    .allMatch(topic -> topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException notYet) {
            return false;
        }
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
