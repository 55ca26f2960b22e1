package io.arbiter.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;
import org.infinispan.commons.CacheException;

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
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
        Thread thread = new Thread(r, "event-ingestion");
        thread.setDaemon(true);
        return thread;
    });

    EventIngestion(Cache<String, EventLog> logs, CustomerFactsStore facts, ReferenceDate referenceDate,
                   LifetimeValueScoring lifetimeValue) {
        this.lifetimeValue = lifetimeValue;
        this.logs = logs;
        this.facts = facts;
        this.referenceDate = referenceDate;
    }

    /** Threads an import spreads a chunk's customers over; the store's writes are what they wait on. */
    static final int WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());

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

    /**
     * Ingests the events of many customers, customers spread over {@link #WORKERS} threads of its own (store writes
     * block, so not the common fork-join pool); each customer's events in one merge.
     */
    public Outcome ingestAll(Map<String, List<CustomerEvent>> eventsByCustomer) {
        List<Map.Entry<String, List<CustomerEvent>>> customers = List.copyOf(eventsByCustomer.entrySet());
        List<Future<Outcome>> parts = new ArrayList<>(WORKERS);
        for (int part = 0; part < WORKERS; part++) {
            int first = part;
            parts.add(workers.submit(() -> {
                int accepted = 0;
                int duplicates = 0;
                for (int i = first; i < customers.size(); i += WORKERS) {
                    Outcome outcome = ingest(customers.get(i).getKey(), customers.get(i).getValue());
                    accepted += outcome.accepted();
                    duplicates += outcome.duplicates();
                }
                return new Outcome(accepted, duplicates);
            }));
        }
        int accepted = 0;
        int duplicates = 0;
        for (Future<Outcome> part : parts) {
            Outcome outcome = join(part);
            accepted += outcome.accepted();
            duplicates += outcome.duplicates();
        }
        return new Outcome(accepted, duplicates);
    }

    private static Outcome join(Future<Outcome> part) {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheException("interrupted while storing events", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new CacheException(e.getCause());
        }
    }

    /**
     * Derives the customer's behavioural facts from the log as of the reference date, forecasts them with the current
     * lifetime-value fit, and stores them; the update itself only merges, nothing slow runs while it holds the entry.
     */
    public CustomerFacts refreshFacts(String customerId, EventLog log) {
        EventBehaviour behaviour = BehaviourDeriver.derive(log, referenceDate.today());
        Optional<LifetimeValueScoring.Forecast> forecast = lifetimeValue.forecast(behaviour.summary());
        return facts.update(customerId, stored -> LifetimeValueScoring.Forecast.apply(forecast, stored == null
                ? CustomerFacts.fromEventsOnly(customerId, behaviour)
                : stored.withBehaviour(behaviour)));
    }

    public void erase(String customerId) {
        logs.remove(customerId);
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
