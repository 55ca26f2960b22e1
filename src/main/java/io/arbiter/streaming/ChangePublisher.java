package io.arbiter.streaming;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;


import org.apache.kafka.clients.producer.ProducerRecord;

import io.arbiter.history.DecisionChange;
import io.arbiter.history.FeedFollowers;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes the change feed to the decision-changes topic, one CloudEvent per item: {@code id} the item's cursor (a
 * consumer deduplicates on it), {@code subject} the customer (the record's key), {@code time} when it was decided,
 * {@code data} the item as {@code GET /api/v1/decision-changes} shows it, and the set and version as extensions for
 * routing without reading {@code data}. Driven by a feed follower with a durable checkpoint that moves only once the
 * broker acknowledged the page: after a crash nothing is skipped, a page may be sent twice.
 */
@ApplicationScoped
public class ChangePublisher {

    static final String FOLLOWER = "kafka-decision-changes";
    static final String SOURCE = "/arbiter/decision-changes";
    static final String TYPE = "io.arbiter.decision.changed";

    private final KafkaClients clients;
    private final KafkaConfig config;
    private final CloudEventRecords cloudEvents;
    private final FeedFollowers followers;

    ChangePublisher(KafkaClients clients, KafkaConfig config, CloudEventRecords cloudEvents, FeedFollowers followers) {
        this.clients = clients;
        this.config = config;
        this.cloudEvents = cloudEvents;
        this.followers = followers;
    }

    void start(@Observes StartupEvent started) {
        if (clients.enabled()) {
            // stopped with the other followers at shutdown
            followers.follow(FOLLOWER, this::publish);
        }
    }

    void publish(List<DecisionChange> items) throws Exception {
        List<ProducerRecord<String, byte[]>> sent = new ArrayList<>(items.size());
        for (DecisionChange item : items) {
            var event = cloudEvents.event(Long.toString(item.cursor()), SOURCE, TYPE, item.customerId(), item.at(), item)
                    .withExtension("decisionset", item.decisionSet())
                    .withExtension("decisionversion", item.version())
                    .build();
            sent.add(cloudEvents.record(config.topics().decisionChanges(), event));
        }
        clients.sendAll(sent);
    }
}
