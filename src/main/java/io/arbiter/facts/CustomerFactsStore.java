package io.arbiter.facts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;
import org.infinispan.context.Flag;

import io.arbiter.store.CustomerLocks;

/** Reads and writes customer facts in the durable cache. Writes stamp the next version atomically per customer. */
@ApplicationScoped
public class CustomerFactsStore {

    /** What an upsert did: the stored record and whether it created the customer. */
    public record Upsert(CustomerFacts stored, boolean created) {
    }

    private final Cache<String, CustomerFacts> cache;
    private final Clock clock;
    private final CustomerLocks locks;

    CustomerFactsStore(@CustomerFactsCache Cache<String, CustomerFacts> cache, Clock clock, CustomerLocks locks) {
        this.cache = cache;
        this.clock = clock;
        this.locks = locks;
    }

    public Optional<CustomerFacts> find(String customerId) {
        return Optional.ofNullable(cache.get(customerId));
    }

    /** The stored facts of those of the customers that have any, by customer id (one bulk read). */
    public Map<String, CustomerFacts> findAll(java.util.Set<String> customerIds) {
        return cache.getAdvancedCache().getAll(customerIds);
    }

    /** The facts document left out behaviour the store cannot take from events: nothing was written. */
    public static final class BehaviourRequired extends RuntimeException {
        BehaviourRequired(String customerId) {
            super("customer " + customerId + " has no behaviour from events, so the document must give "
                    + String.join(", ", FactsParser.BEHAVIOUR_FIELDS));
        }
    }

    /**
     * Stores a parsed document. Behaviour derived from events, RFM scores and model facts already stored are kept
     * (events own them); a profile-only document ({@code behaviourGiven} false) needs such a customer.
     */
    public Upsert upsert(FactsParser.Result parsed) {
        CustomerFacts facts = parsed.facts();
        Instant now = clock.instant();
        boolean[] created = new boolean[1];
        boolean[] refused = new boolean[1];
        // under the customer's lock a read and a write are atomic, on every node; compute would ship a lambda
        CustomerFacts stored = locks.withLock(facts.customerId(), () -> {
            CustomerFacts previous = cache.get(facts.customerId());
            created[0] = previous == null;
            if (!parsed.behaviourGiven() && (previous == null || previous.fromEvents() == null)) {
                refused[0] = true;
                return previous;
            }
            CustomerFacts next = facts.keepingDerivedFrom(previous)
                    .stamped(previous == null ? 1 : previous.version() + 1, now);
            cache.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES).put(facts.customerId(), next);
            return next;
        });
        if (refused[0]) {
            throw new BehaviourRequired(facts.customerId());
        }
        return new Upsert(stored, created[0]);
    }

    /**
     * Stores parsed documents as {@link #upsert} does, under the customers' locks with one bulk read and one bulk
     * write; a customer given twice is stored twice in order. Answers, for each document, null when it was stored or
     * why it was refused.
     */
    public List<String> upsertAll(List<FactsParser.Result> documents) {
        Instant now = clock.instant();
        Set<String> ids = new HashSet<>();
        documents.forEach(document -> ids.add(document.facts().customerId()));
        return locks.withLocks(ids, () -> {
            Map<String, CustomerFacts> current = new HashMap<>(cache.getAdvancedCache().getAll(ids));
            Map<String, CustomerFacts> changed = new HashMap<>();
            List<String> refusals = new ArrayList<>(documents.size());
            for (FactsParser.Result document : documents) {
                String id = document.facts().customerId();
                CustomerFacts previous = current.get(id);
                if (!document.behaviourGiven() && (previous == null || previous.fromEvents() == null)) {
                    refusals.add(new BehaviourRequired(id).getMessage());
                    continue;
                }
                CustomerFacts next = document.facts().keepingDerivedFrom(previous)
                        .stamped(previous == null ? 1 : previous.version() + 1, now);
                current.put(id, next);
                changed.put(id, next);
                refusals.add(null);
            }
            if (!changed.isEmpty()) {
                // Under the customers' locks, just read: the store need not be read again for previous values.
                cache.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES, Flag.SKIP_CACHE_LOAD).putAll(changed);
            }
            return refusals;
        });
    }

    /**
     * Applies {@code change} to the stored facts of one customer (null: none yet) atomically and stamps the next
     * version; a change that answers the record it was given unchanged writes nothing.
     */
    public CustomerFacts update(String customerId, UnaryOperator<CustomerFacts> change) {
        Instant now = clock.instant();
        return locks.withLock(customerId, () -> {
            CustomerFacts previous = cache.get(customerId);
            CustomerFacts next = change.apply(previous);
            if (next == null || next.equals(previous)) {
                return previous;
            }
            CustomerFacts stamped = next.stamped(previous == null ? 1 : previous.version() + 1, now);
            cache.put(customerId, stamped);
            return stamped;
        });
    }

    /**
     * As {@link #update} for many customers with one bulk write of the changed records. The caller holds the
     * customers' locks ({@link CustomerLocks#withLocks}).
     */
    public void updateAll(Map<String, UnaryOperator<CustomerFacts>> changes) {
        Instant now = clock.instant();
        Map<String, CustomerFacts> stored = cache.getAdvancedCache().getAll(changes.keySet());
        Map<String, CustomerFacts> changed = new HashMap<>(changes.size() * 2);
        changes.forEach((customerId, change) -> {
            CustomerFacts previous = stored.get(customerId);
            CustomerFacts next = change.apply(previous);
            if (next != null && !next.equals(previous)) {
                changed.put(customerId, next.stamped(previous == null ? 1 : previous.version() + 1, now));
            }
        });
        if (!changed.isEmpty()) {
            // Under the customers' locks, just read: the store need not be read again for previous values.
            cache.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES, Flag.SKIP_CACHE_LOAD).putAll(changed);
        }
    }

    /** Removes the customer's facts; true when there were any. */
    public boolean remove(String customerId) {
        return locks.withLock(customerId, () -> cache.remove(customerId) != null);
    }
}
