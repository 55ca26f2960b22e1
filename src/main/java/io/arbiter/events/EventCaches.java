package io.arbiter.events;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.infinispan.Cache;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.store.CacheDefinition;
import io.arbiter.store.CacheOwner;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/**
 * Each customer's event log, from which the behavioural facts are derived and the models are fitted; kept on heap up
 * to {@code arbiter.events.max-in-memory}.
 */
@ApplicationScoped
public class EventCaches implements CacheOwner {

    public static final String CUSTOMER_EVENTS = "customer-events";

    private final CacheDefinition events;

    EventCaches(ArbiterConfig config) {
        this.events = new CacheDefinition(CUSTOMER_EVENTS, config.eventsMaxInMemory(), Placement.PARTITIONED);
    }

    @Produces
    @Singleton
    Cache<String, StoredEventLog> customerEvents(DurableCaches caches) {
        return caches.cache(events);
    }

    @Override
    public List<CacheDefinition> durableCaches() {
        return List.of(events);
    }
}
