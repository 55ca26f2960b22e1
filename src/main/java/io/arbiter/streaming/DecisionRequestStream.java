package io.arbiter.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import io.arbiter.decisionevents.DecisionEvents;
import io.cloudevents.jackson.JsonFormat;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Kogito's event-driven decisions over Kafka: each {@code DecisionRequest} CloudEvent on the requests topic is
 * answered on the responses topic ({@code DecisionResponse}, {@code DecisionResponseFull} or
 * {@code DecisionResponseError}, structured JSON, keyed as the request was), by {@link DecisionEvents} over the active
 * models. Offsets are committed once the answers of a batch are acknowledged, so a crash answers a request again (with
 * the same answer id) rather than not at all. Other event types are passed over, as Kogito does; a record that is not a
 * CloudEvent at all, or whose answer fails unexpectedly, is passed over, logged (its place, not its content) and counted.
 */
@ApplicationScoped
public class DecisionRequestStream {

    private static final Logger LOG = Logger.getLogger(DecisionRequestStream.class);

    static final int REQUESTS_PER_BATCH = 500;

    private final KafkaClients clients;
    private final KafkaConfig config;
    private final DecisionEvents decisions;
    private final Counter answered;
    private final Counter unanswered;
    private ConsumerLoop loop;

    DecisionRequestStream(KafkaClients clients, KafkaConfig config, DecisionEvents decisions, MeterRegistry registry) {
        this.clients = clients;
        this.config = config;
        this.decisions = decisions;
        this.answered = registry.counter("arbiter.kafka.decision.requests", "outcome", "answered");
        this.unanswered = registry.counter("arbiter.kafka.decision.requests", "outcome", "unanswered");
    }

    void start(@Observes StartupEvent started) {
        if (clients.enabled()) {
            // small batches, no linger: a caller waits for each answer
            loop = new ConsumerLoop("decision-requests", clients.consumer("decision-requests", REQUESTS_PER_BATCH),
                    config.topics().decisionRequests(), this::handle, config, REQUESTS_PER_BATCH, Duration.ZERO);
            loop.start();
        }
    }

    void handle(List<ConsumerRecord<String, byte[]>> records) throws Exception {
        List<ProducerRecord<String, byte[]>> sent = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Optional<byte[]> answer;
            try {
                answer = decisions.answer(record.value());
            } catch (RuntimeException e) {
                // unreadable (not a CloudEvent: decisionevents.UnreadableRequestException) or failing unexpectedly:
                // passed over, never retried, so that a record that cannot be answered does not hold up its partition
                unanswered.increment();
                LOG.warnf("%s-%d@%d cannot be answered (%s)", record.topic(), record.partition(), record.offset(),
                        ConsumerLoop.causes(e));
                continue;
            }
            if (answer.isPresent()) {
                ProducerRecord<String, byte[]> response = new ProducerRecord<>(config.topics().decisionResponses(),
                        record.key(), answer.get());
                response.headers().add(CloudEventRecords.CONTENT_TYPE,
                        JsonFormat.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                sent.add(response);
            }
        }
        clients.sendAll(sent);
        answered.increment(sent.size());
    }

    void stop(@Observes ShutdownEvent stopping) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }
}
