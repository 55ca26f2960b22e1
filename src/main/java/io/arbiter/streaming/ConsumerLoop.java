package io.arbiter.streaming;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * One consumer on its own thread, at least once: it polls a batch, hands it to the handler, and commits the batch's
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
        void handle(ConsumerRecords<String, byte[]> records) throws Exception;
    }

    private final String name;
    private final KafkaConsumer<String, byte[]> consumer;
    private final BatchHandler handler;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Thread thread;
    private volatile boolean running = true;

    ConsumerLoop(String name, KafkaConsumer<String, byte[]> consumer, String topic, BatchHandler handler,
                 KafkaConfig config) {
        this.name = name;
        this.consumer = consumer;
        this.handler = handler;
        this.backoff = config.backoff();
        this.maxBackoff = config.maxBackoff();
        consumer.subscribe(List.of(topic));
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
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    handler.handle(records);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    LOG.warnf(e, "%s: a batch of %d records could not be handled; reading it again in %d ms", name,
                            records.count(), wait.toMillis());
                    rewind(records);
                    Thread.sleep(wait.toMillis());
                    wait = wait.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : wait.multipliedBy(2);
                    continue;
                }
                wait = backoff;
                commit(records);
            }
        } catch (WakeupException | InterruptedException e) {
            // stopping
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s stopped", name);
        } finally {
            consumer.close();
        }
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
    }

    private void commit(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> held = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(held.get(held.size() - 1).offset() + 1));
        }
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException e) {
            // the partitions went to another member, which reads them again from the last commit: harmless twice
            LOG.infof("%s: partitions reassigned before their offsets were committed; they are read again", name);
        }
    }

    void stop() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
