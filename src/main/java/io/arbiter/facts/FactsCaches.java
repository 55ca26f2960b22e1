package io.arbiter.facts;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.infinispan.Cache;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.store.DurableCaches;

/** The customer-facts cache: one entry per customer, kept on heap up to {@code arbiter.facts.max-in-memory}. */
@ApplicationScoped
public class FactsCaches {

    public static final String CUSTOMER_FACTS = "customer-facts";

    @Produces
    @Singleton
    @CustomerFactsCache
    Cache<String, CustomerFacts> customerFacts(DurableCaches caches, ArbiterConfig config) {
        return caches.cache(CUSTOMER_FACTS, config.factsMaxInMemory());
    }
}
