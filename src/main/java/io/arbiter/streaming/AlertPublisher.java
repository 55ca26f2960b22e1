package io.arbiter.streaming;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;


import org.apache.kafka.clients.producer.ProducerRecord;

import io.arbiter.alerting.AlertDerivation;
import io.arbiter.alerting.AlertStore;
import io.arbiter.alerting.StoredAlert;
import io.arbiter.history.DecisionChange;
import io.arbiter.history.FeedFollowers;
import io.quarkus.runtime.StartupEvent;

/**
 * Publishes alerts to the alerts topic, one CloudEvent each: {@code id} the alert's id (its feed cursor and place, so a
 * consumer deduplicates on it), {@code subject} the customer (the record's key), {@code time} when it was raised,
 * {@code data} the alert as {@code GET /api/v1/alerts} shows it, its level as an extension for routing. It follows the
 * change feed behind the alert derivation's checkpoint, so every item it passes has its alerts stored, and moves its
 * own checkpoint only once the broker acknowledged them: nothing is skipped, an alert may be sent twice.
 */
@ApplicationScoped
public class AlertPublisher {

    static final String FOLLOWER = "kafka-alerts";
    static final String SOURCE = "/arbiter/alerts";
    static final String TYPE = "io.arbiter.alert.raised";

    private final KafkaClients clients;
    private final KafkaConfig config;
    private final CloudEventRecords cloudEvents;
    private final FeedFollowers followers;
    private final AlertDerivation derivation;
    private final AlertStore alerts;

    AlertPublisher(KafkaClients clients, KafkaConfig config, CloudEventRecords cloudEvents, FeedFollowers followers,
                   AlertDerivation derivation, AlertStore alerts) {
        this.clients = clients;
        this.config = config;
        this.cloudEvents = cloudEvents;
        this.followers = followers;
        this.derivation = derivation;
        this.alerts = alerts;
    }

    void start(@Observes StartupEvent started) {
        if (clients.enabled()) {
            // stopped with the other followers at shutdown
            followers.follow(FOLLOWER, derivation::derivedUpTo, this::publish);
        }
    }

    void publish(List<DecisionChange> items) throws Exception {
        List<StoredAlert> raised = alerts.between(items.get(0).cursor() - 1, items.get(items.size() - 1).cursor());
        List<ProducerRecord<String, byte[]>> sent = new ArrayList<>(raised.size());
        for (StoredAlert alert : raised) {
            var event = cloudEvents.event(alert.id(), SOURCE, TYPE, alert.customerId(), alert.raisedAt(), alert)
                    .withExtension("alertlevel", alert.level())
                    .withExtension("decisionset", alert.decisionSet())
                    .build();
            sent.add(cloudEvents.record(config.topics().alerts(), event));
        }
        clients.sendAll(sent);
    }
}
