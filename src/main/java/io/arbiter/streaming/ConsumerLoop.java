package io.arbiter.streaming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One consumer on its own thread, at least once: it gathers a batch, hands it to the handler, and commits the batch's
 * offsets only when the handler returned, so whatever the handler stored or sent is acknowledged before the records
 * count as consumed; a crash replays from the last commit. When the handler fails (the store or the broker is down),
 * the consumer seeks back to the batch's first offsets and waits, doubling the wait up to a bound, before reading the
 * same records again: consumption pauses, nothing is skipped, and the handler must take a replay harmlessly.
 */
final class ConsumerLoop implements Runnable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** What is done with a batch; returns when its effects are stored, throws when they may not be. */
    interface BatchHandler {
        void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception;
    }

    private final String name;
    private final KafkaConsumer<String, byte[]> consumer;
    private final BatchHandler handler;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final int batchRecords;
    private final Duration linger;
    /** The batch being gathered or handled: this thread's only. */
    private final List<ConsumerRecord<String, byte[]>> held = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    ConsumerLoop(String name, KafkaConsumer<String, byte[]> consumer, String topic, BatchHandler handler,
                 KafkaConfig config, int batchRecords, Duration linger) {
        this.name = name;
        this.consumer = consumer;
        this.handler = handler;
        this.backoff = config.backoff();
        this.maxBackoff = config.maxBackoff();
        this.batchRecords = batchRecords;
        this.linger = linger;
        consumer.subscribe(List.of(topic), new Revocation());
        this.thread = new Thread(this, "kafka-" + name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        Duration wait = backoff;
        try {
            while (running) {
                try {
                    gather();
                    if (held.isEmpty()) {
                        continue;
                    }
                    handler.handle(List.copyOf(held));
                    commit();
                    wait = backoff;
                } catch (WakeupException e) {
                    throw e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    // whatever failed (the store, the broker, a commit during a rebalance), the loop goes on: a loop
                    // that ended would stop consumption on this node without anyone noticing
                    LOG.warnf("%s: a batch of %d records was not handled or not committed (%s); reading it again in"
                            + " %d ms", name, held.size(), causes(e), wait.toMillis());
                    rewind();
                    Thread.sleep(wait.toMillis());
                    wait = wait.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : wait.multipliedBy(2);
                }
            }
        } catch (WakeupException | InterruptedException e) {
            // stopping
        } finally {
            consumer.close();
        }
    }

    /**
     * The failure's chain of exception classes: their messages can hold a record's content or a customer id (the
     * store's lock timeouts name the key), which must not reach the log.
     */
    static String causes(Throwable failure) {
        StringBuilder chain = new StringBuilder();
        for (Throwable cause = failure; cause != null && chain.length() < 500; cause = cause.getCause()) {
            chain.append(chain.isEmpty() ? "" : " <- ").append(cause.getClass().getName());
        }
        return chain.toString();
    }

    /**
     * Polls until a batch is full or has waited its linger since its first record: a large batch touches each customer
     * once for several of its events, which is where the throughput comes from.
     */
    private void gather() {
        consumer.poll(POLL).forEach(held::add);
        long until = System.nanoTime() + linger.toNanos();
        for (long left; !held.isEmpty() && held.size() < batchRecords && (left = until - System.nanoTime()) > 0; ) {
            consumer.poll(Duration.ofNanos(left)).forEach(held::add);
        }
    }

    /**
     * Back to the first held offset of each partition still assigned, so the same records come again; the batch is
     * let go of. A partition no longer assigned is read by its new owner from the last commit.
     */
    private void rewind() {
        Set<TopicPartition> assigned = consumer.assignment();
        first().forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
        held.clear();
    }

    private Map<TopicPartition, Long> first() {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : held) {
            first.merge(new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
        }
        return first;
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : held) {
            offsets.merge(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1),
                    (one, other) -> one.offset() >= other.offset() ? one : other);
        }
        // a failure (a rebalance under way, the broker unreachable) goes to the caller, which reads the batch again
        consumer.commitSync(offsets);
        held.clear();
    }

    /**
     * Partitions taken away while a batch is gathered (inside a poll, on this thread): their held records are dropped
     * unhandled, their new owner reads them from the last commit.
     */
    private final class Revocation implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            held.removeIf(record -> partitions.contains(new TopicPartition(record.topic(), record.partition())));
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // a new partition starts from its committed offset
        }
    }

    void stop() throws InterruptedException {
        // the loop sees it within a poll and a linger: a batch in hand is finished and committed (seconds for a full
        // one), or given up unacknowledged when that takes too long
        running = false;
        thread.join(60_000);
    }
}
