package io.arbiter.facts;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.store.CustomerFactsCache;

/** Reads and writes customer facts in the durable cache. Writes stamp the next version atomically per customer. */
@ApplicationScoped
public class CustomerFactsStore {

    /** What an upsert did: the stored record and whether it created the customer. */
    public record Upsert(CustomerFacts stored, boolean created) {
    }

    private final Cache<String, CustomerFacts> cache;
    private final Clock clock;

    CustomerFactsStore(@CustomerFactsCache Cache<String, CustomerFacts> cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    public Optional<CustomerFacts> find(String customerId) {
        return Optional.ofNullable(cache.get(customerId));
    }

    public Upsert upsert(CustomerFacts facts) {
        Instant now = clock.instant();
        boolean[] created = new boolean[1];
        CustomerFacts stored = cache.compute(facts.customerId(), (id, previous) -> {
            created[0] = previous == null;
            return facts.stamped(previous == null ? 1 : previous.version() + 1, now);
        });
        return new Upsert(stored, created[0]);
    }

    /** Removes the customer's facts; true when there were any. */
    public boolean remove(String customerId) {
        return cache.remove(customerId) != null;
    }
}
