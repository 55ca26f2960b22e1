package io.arbiter.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The consuming loop against a real broker: a batch whose handler fails is read again from its first offsets after a
 * wait, nothing is committed until the handler returns, and the loop goes on after the failures.
 */
class ConsumerLoopTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    @Test
    void aFailedBatchIsReadAgainAndCommittedOnlyOnceHandled() throws Exception {
        String topic = "loop-test";
        int count = 300;
        broker.createTopics(List.of(topic));
        try (TopicClient topics = new TopicClient(broker.bootstrapServers())) {
            for (int i = 0; i < count; i++) {
                topics.send(topic, "k" + (i % 7), ("r" + i).getBytes(StandardCharsets.UTF_8));
            }
            topics.flush();
        }
        KafkaConfig config = config(broker.bootstrapServers());
        KafkaClients clients = new KafkaClients(config);
        AtomicInteger failuresLeft = new AtomicInteger(2);
        List<Long> committedWhileFailing = new CopyOnWriteArrayList<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        ConsumerLoop loop = new ConsumerLoop("test", clients.consumer("test", 1000), topic, records -> {
            attempts.add(records.size());
            if (failuresLeft.getAndDecrement() > 0) {
                committedWhileFailing.add(committed(config.groupId() + "-test"));
                throw new IllegalStateException("the store is down, on purpose");
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                handled.add(new String(record.value(), StandardCharsets.UTF_8));
            }
        }, config, 10_000, Duration.ofMillis(300));
        loop.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((handled.size() < count || committed(config.groupId() + "-test") < count) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        loop.stop();
        clients.close();

        assertEquals(count, handled.size(), "every record handled once the handler succeeded, none twice: " + attempts);
        assertEquals(count, handled.stream().distinct().count());
        assertTrue(attempts.size() >= 3, "two failed attempts, then the handled batch(es): " + attempts);
        assertEquals(attempts.get(0), attempts.get(1), "the failed batch came again whole");
        assertEquals(List.of(0L, 0L), committedWhileFailing, "nothing committed while the batch failed");
        assertEquals(count, committed(config.groupId() + "-test"), "all committed once handled");
    }

    /** The group's committed offsets, summed over the topic's partitions. */
    private static long committed(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static KafkaConfig config(String bootstrap) {
        return new KafkaConfig() {
            @Override
            public Optional<String> bootstrapServers() {
                return Optional.of(bootstrap);
            }

            @Override
            public String groupId() {
                return "loop-test";
            }

            @Override
            public Map<String, String> client() {
                return Map.of();
            }

            @Override
            public Topics topics() {
                throw new UnsupportedOperationException("not used by the loop");
            }

            @Override
            public int batchRecords() {
                return 10_000;
            }

            @Override
            public Duration batchLinger() {
                return Duration.ofMillis(300);
            }

            @Override
            public boolean redecide() {
                return false;
            }

            @Override
            public Duration backoff() {
                return Duration.ofMillis(100);
            }

            @Override
            public Duration maxBackoff() {
                return Duration.ofMillis(400);
            }
        };
    }
}
