package io.arbiter.facts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.List;

import org.infinispan.Cache;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.store.CacheDefinition;
import io.arbiter.store.CacheOwner;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/** The customer-facts cache: one entry per customer, kept on heap up to {@code arbiter.facts.max-in-memory}. */
@ApplicationScoped
public class FactsCaches implements CacheOwner {

    public static final String CUSTOMER_FACTS = "customer-facts";

    private final CacheDefinition facts;

    FactsCaches(ArbiterConfig config) {
        this.facts = new CacheDefinition(CUSTOMER_FACTS, config.factsMaxInMemory(), Placement.PARTITIONED);
    }

    @Produces
    @Singleton
    @CustomerFactsCache
    Cache<String, CustomerFacts> customerFacts(DurableCaches caches) {
        return caches.cache(facts);
    }

    @Override
    public List<CacheDefinition> durableCaches() {
        return List.of(facts);
    }
}
