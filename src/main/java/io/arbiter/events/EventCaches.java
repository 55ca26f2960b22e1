package io.arbiter.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.infinispan.Cache;

import io.quarkus.runtime.StartupEvent;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/**
 * Each customer's event log, from which the behavioural facts are derived and the models are fitted; kept on heap up
 * to {@code arbiter.events.max-in-memory}.
 */
@ApplicationScoped
public class EventCaches {

    public static final String CUSTOMER_EVENTS = "customer-events";

    @Produces
    @Singleton
    Cache<String, StoredEventLog> customerEvents(DurableCaches caches, ArbiterConfig config) {
        return caches.cache(CUSTOMER_EVENTS, config.eventsMaxInMemory(), Placement.PARTITIONED);
    }

    /**
     * Opened at start-up on every node, not on first use: in a cluster a node that joins a cache late is missing
     * from its stable topology, and losing another member then looks like a minority partition.
     */
    void open(@Observes StartupEvent event, Cache<String, StoredEventLog> events) {
        events.getStatus();
    }
}
