package io.arbiter.facts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.infinispan.Cache;

import io.quarkus.runtime.StartupEvent;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/** The customer-facts cache: one entry per customer, kept on heap up to {@code arbiter.facts.max-in-memory}. */
@ApplicationScoped
public class FactsCaches {

    public static final String CUSTOMER_FACTS = "customer-facts";

    @Produces
    @Singleton
    @CustomerFactsCache
    Cache<String, CustomerFacts> customerFacts(DurableCaches caches, ArbiterConfig config) {
        return caches.cache(CUSTOMER_FACTS, config.factsMaxInMemory(), Placement.PARTITIONED);
    }

    /**
     * Opened at start-up on every node, not on first use: in a cluster a node that joins a cache late is missing
     * from its stable topology, and losing another member then looks like a minority partition.
     */
    void open(@Observes StartupEvent event, @CustomerFactsCache Cache<String, CustomerFacts> facts) {
        facts.getStatus();
    }
}
