package io.arbiter.streaming;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Kafka mode, under {@code arbiter.kafka.}: off unless {@code bootstrap-servers} is set. Everything under
 * {@code arbiter.kafka.client.} is handed to every Kafka client as it is (SASL, TLS, timeouts: see docs/kafka.md).
 */
@ConfigMapping(prefix = "arbiter.kafka")
public interface KafkaConfig {

    /** The brokers; unset (the default) means no Kafka at all. */
    @WithName("bootstrap-servers")
    Optional<String> bootstrapServers();

    /** The prefix of the consumer groups every node joins: {@code <id>-events}, {@code <id>-decision-requests}. */
    @WithName("group-id")
    @WithDefault("arbiter")
    String groupId();

    /** Kafka client properties passed through unchanged, e.g. {@code arbiter.kafka.client."security.protocol"}. */
    Map<String, String> client();

    Topics topics();

    /**
     * Records handled as one batch (one ingestion, one round of re-decisions, one commit), gathered over polls: the
     * import's chunk size. With 50,000 customers, batches of 50,000 consumed 16,165 events/s, of 131,072 25,906/s.
     */
    @WithName("batch-records")
    @WithDefault("131072")
    int batchRecords();

    /** How long a batch waits for more records after its first before it is handled anyway. */
    @WithName("batch-linger")
    @WithDefault("500ms")
    Duration batchLinger();

    /** Decide the customers of each batch of events again with the live versions, and record what changed. */
    @WithDefault("true")
    boolean redecide();

    /** The first wait after a store or broker failure; doubled on each failure up to {@code max-backoff}. */
    @WithDefault("200ms")
    Duration backoff();

    @WithName("max-backoff")
    @WithDefault("10s")
    Duration maxBackoff();

    interface Topics {
        @WithDefault("arbiter.events")
        String events();

        @WithName("events-dlq")
        @WithDefault("arbiter.events.dlq")
        String eventsDlq();

        @WithName("decision-changes")
        @WithDefault("arbiter.decision-changes")
        String decisionChanges();

        @WithDefault("arbiter.alerts")
        String alerts();

        @WithName("decision-requests")
        @WithDefault("arbiter.decision-requests")
        String decisionRequests();

        @WithName("decision-responses")
        @WithDefault("arbiter.decision-responses")
        String decisionResponses();
    }
}
