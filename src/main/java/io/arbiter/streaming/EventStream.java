package io.arbiter.streaming;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.deciding.CustomerRedecisions;
import io.arbiter.events.CustomerEvent;
import io.arbiter.ingestion.EventIngestion;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Behaviour events from the events topic, with the guarantees of the HTTP import: each batch of records is parsed
 * record by record, its valid events are stored in one ingestion (merged into the logs, deduplicated by event id,
 * facts derived again), its customers decided again when {@code arbiter.kafka.redecide}, its refused records sent to
 * the dead-letter topic, and only then are its offsets committed. A replay after a crash or a failure stores nothing
 * twice (the logs hold each event id once) and decides the same facts again; a refused record can reach the
 * dead-letter topic twice, never be lost. The store is written before the dead letters are sent, so a batch whose
 * store write fails is read again without having sent anything.
 */
@ApplicationScoped
public class EventStream {

    /** Header names of a dead letter, as Quarkus's Kafka connector names them, so the same tooling reads both. */
    static final String REASON = "dead-letter-reason";
    static final String SOURCE_TOPIC = "dead-letter-topic";
    static final String SOURCE_PARTITION = "dead-letter-partition";
    static final String SOURCE_OFFSET = "dead-letter-offset";
    /** Set instead of the value when the value is over the record limit: a letter could be refused for its size. */
    static final String VALUE_OMITTED = "dead-letter-value-omitted-bytes";

    private final KafkaClients clients;
    private final KafkaConfig config;
    private final EventRecords parser;
    private final EventIngestion ingestion;
    private final CustomerRedecisions redecisions;
    private final int maxRecordBytes;
    private final Counter accepted;
    private final Counter duplicates;
    private final Counter deadLettered;
    private ConsumerLoop loop;

    EventStream(KafkaClients clients, KafkaConfig config, EventRecords parser, EventIngestion ingestion,
                CustomerRedecisions redecisions, MeterRegistry registry, ArbiterConfig arbiter) {
        this.maxRecordBytes = arbiter.maxImportLineBytes();
        this.clients = clients;
        this.config = config;
        this.parser = parser;
        this.ingestion = ingestion;
        this.redecisions = redecisions;
        this.accepted = registry.counter("arbiter.kafka.events", "outcome", "accepted");
        this.duplicates = registry.counter("arbiter.kafka.events", "outcome", "duplicate");
        this.deadLettered = registry.counter("arbiter.kafka.events", "outcome", "dead-lettered");
    }

    void start(@Observes StartupEvent started) {
        if (clients.enabled()) {
            loop = new ConsumerLoop("events", clients.consumer("events", Math.min(config.batchRecords(), 10_000)),
                    config.topics().events(), this::handle, config, config.batchRecords(), config.batchLinger());
            loop.start();
        }
    }

    void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        Map<String, List<CustomerEvent>> events = new HashMap<>();
        List<ProducerRecord<String, byte[]>> letters = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            EventRecords.Parsed parsed = parser.parse(record.key(), record.value());
            if (parsed.error() == null) {
                events.computeIfAbsent(parsed.customerId(), id -> new ArrayList<>()).add(parsed.event());
            } else {
                letters.add(deadLetter(record, parsed.error()));
            }
        }
        if (!events.isEmpty()) {
            EventIngestion.Ingested stored = ingestion.submitAll(events).join();
            if (config.redecide()) {
                redecisions.redecide(events.keySet());
            }
            accepted.increment(stored.accepted());
            duplicates.increment(stored.duplicates());
        }
        clients.sendAll(letters);
        deadLettered.increment(letters.size());
    }

    /**
     * The record as it came, with why it was refused and where it came from; a value over the record limit is left
     * out (its size said instead), so that the broker cannot refuse the letter for its size and hold up the partition.
     */
    private ProducerRecord<String, byte[]> deadLetter(ConsumerRecord<String, byte[]> record, String error) {
        boolean oversized = record.value() != null && record.value().length > maxRecordBytes;
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(config.topics().eventsDlq(), record.key(),
                oversized ? null : record.value());
        Headers headers = letter.headers();
        record.headers().forEach(headers::add);
        if (oversized) {
            headers.add(VALUE_OMITTED, utf8(Integer.toString(record.value().length)));
        }
        headers.add(REASON, utf8(error));
        headers.add(SOURCE_TOPIC, utf8(record.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(record.offset())));
        return letter;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Before the caches close: the batch in hand is finished and committed. */
    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }
}
