package io.arbiter.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.analytics.BehaviourDeriver;
import io.arbiter.analytics.LifetimeValueScoring;
import io.arbiter.analytics.ReferenceDate;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.facts.EventBehaviour;

/**
 * Adds events to customers' logs and keeps their behavioural facts current. Per customer: one atomic merge into the
 * log, then the facts are derived again from the whole log (not patched) and forecast with the current
 * lifetime-value fit, so the facts are a function of the set of
 * events and a replay after a crash between the two writes repairs them.
 */
@ApplicationScoped
public class EventIngestion {

    /** How many of the events were new and how many the logs already held. */
    public record Outcome(int accepted, int duplicates) {
    }

    private final Cache<String, EventLog> logs;
    private final CustomerFactsStore facts;
    private final ReferenceDate referenceDate;
    private final LifetimeValueScoring lifetimeValue;

    EventIngestion(Cache<String, EventLog> logs, CustomerFactsStore facts, ReferenceDate referenceDate,
                   LifetimeValueScoring lifetimeValue) {
        this.lifetimeValue = lifetimeValue;
        this.logs = logs;
        this.facts = facts;
        this.referenceDate = referenceDate;
    }

    public Outcome ingest(String customerId, List<CustomerEvent> events) {
        int[] counts = new int[2];
        EventLog log = logs.compute(customerId, (id, stored) -> {
            EventLog.Merge merge = (stored == null ? EventLog.empty(id) : stored).merge(events);
            counts[0] = merge.added();
            counts[1] = merge.duplicates();
            return merge.log();
        });
        refreshFacts(customerId, log);
        return new Outcome(counts[0], counts[1]);
    }

    /** Ingests the events of many customers, customers in parallel; each customer's events in one merge. */
    public Outcome ingestAll(Map<String, List<CustomerEvent>> eventsByCustomer) {
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger duplicates = new AtomicInteger();
        eventsByCustomer.entrySet().parallelStream().forEach(customer -> {
            Outcome outcome = ingest(customer.getKey(), customer.getValue());
            accepted.addAndGet(outcome.accepted());
            duplicates.addAndGet(outcome.duplicates());
        });
        return new Outcome(accepted.get(), duplicates.get());
    }

    /** Derives the customer's behavioural facts from the log as of the reference date and stores them. */
    public CustomerFacts refreshFacts(String customerId, EventLog log) {
        EventBehaviour behaviour = BehaviourDeriver.derive(log, referenceDate.today());
        return facts.update(customerId, stored -> lifetimeValue.apply(stored == null
                ? CustomerFacts.fromEventsOnly(customerId, behaviour)
                : stored.withBehaviour(behaviour)));
    }

    public void erase(String customerId) {
        logs.remove(customerId);
    }
}
