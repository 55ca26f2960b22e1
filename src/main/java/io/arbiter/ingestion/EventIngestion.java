package io.arbiter.ingestion;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;
import org.infinispan.context.Flag;

import io.arbiter.behaviour.BehaviourDeriver;
import io.arbiter.lifetimevalue.LifetimeValueScoring;
import io.arbiter.behaviour.ReferenceDate;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.store.CustomerLocks;
import io.arbiter.facts.EventBehaviour;
import io.arbiter.events.CustomerEvent;
import io.arbiter.events.EventLog;
import io.arbiter.events.StoredEventLog;

/**
 * Adds events to customers' logs and keeps their behavioural facts current. Customers are handled in batches under
 * their locks ({@link CustomerLocks}): the batch's logs are read, merged and written back in one bulk write, then
 * every customer's facts are derived again from the whole log (not patched), forecast with the current
 * lifetime-value fit, and written in one bulk write, the unchanged ones not at all. Facts are thus a function of the
 * set of events, and a replay after a crash between the two writes repairs them.
 */
@ApplicationScoped
public class EventIngestion {

    /** How many of the events were new and how many the logs already held. */
    public record Ingested(int accepted, int duplicates) {

        Ingested plus(Ingested other) {
            return new Ingested(accepted + other.accepted, duplicates + other.duplicates);
        }
    }

    /** Threads an import spreads a chunk's customers over; the store's writes are what they wait on. */
    static final int WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** Customers per bulk write: large enough to amortise a write, small enough to hold few locks for long. */
    static final int BATCH_CUSTOMERS = 512;

    private final Cache<String, StoredEventLog> logs;
    private final CustomerFactsStore facts;
    private final CustomerLocks locks;
    private final ReferenceDate referenceDate;
    private final LifetimeValueScoring lifetimeValue;
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, r -> {
        Thread thread = new Thread(r, "event-ingestion");
        thread.setDaemon(true);
        return thread;
    });

    EventIngestion(Cache<String, StoredEventLog> logs, CustomerFactsStore facts, CustomerLocks locks,
                   ReferenceDate referenceDate, LifetimeValueScoring lifetimeValue) {
        this.logs = logs;
        this.facts = facts;
        this.locks = locks;
        this.referenceDate = referenceDate;
        this.lifetimeValue = lifetimeValue;
    }

    public Ingested ingest(String customerId, List<CustomerEvent> events) {
        return ingestBatch(List.of(Map.entry(customerId, events)));
    }

    /**
     * Starts ingesting the events of many customers and answers at once; the result completes when every batch is
     * stored, or exceptionally with the first failure. The caller may read its next chunk meanwhile. Batches are cut
     * from the customers in stripe order, so batches never share a lock stripe and the workers never wait on each
     * other (cut at random, two batches of 512 customers share ~16 of the 16,384 stripes and run one after the other).
     */
    public CompletableFuture<Ingested> submitAll(Map<String, List<CustomerEvent>> eventsByCustomer) {
        List<Map.Entry<String, List<CustomerEvent>>> customers = new ArrayList<>(eventsByCustomer.entrySet());
        customers.sort(Comparator.comparingInt(customer -> CustomerLocks.stripe(customer.getKey())));
        CompletableFuture<Ingested> total = CompletableFuture.completedFuture(new Ingested(0, 0));
        for (int from = 0, to; from < customers.size(); from = to) {
            to = Math.min(customers.size(), from + BATCH_CUSTOMERS);
            while (to < customers.size() && sameStripe(customers.get(to - 1), customers.get(to))) {
                to++;
            }
            List<Map.Entry<String, List<CustomerEvent>>> batch = customers.subList(from, to);
            total = total.thenCombine(CompletableFuture.supplyAsync(() -> ingestBatch(batch), workers), Ingested::plus);
        }
        return total;
    }

    private static boolean sameStripe(Map.Entry<String, ?> one, Map.Entry<String, ?> other) {
        return CustomerLocks.stripe(one.getKey()) == CustomerLocks.stripe(other.getKey());
    }

    private Ingested ingestBatch(List<Map.Entry<String, List<CustomerEvent>>> batch) {
        List<String> ids = batch.stream().map(Map.Entry::getKey).toList();
        LocalDate asOf = referenceDate.today();
        return locks.withLocks(ids, () -> {
            Map<String, StoredEventLog> stored = logs.getAdvancedCache().getAll(new HashSet<>(ids));
            Map<String, StoredEventLog> merged = new HashMap<>(ids.size() * 2);
            Map<String, UnaryOperator<CustomerFacts>> derived = new HashMap<>(ids.size() * 2);
            int accepted = 0;
            int duplicates = 0;
            for (Map.Entry<String, List<CustomerEvent>> customer : batch) {
                String id = customer.getKey();
                StoredEventLog storedLog = stored.get(id);
                EventLog log = storedLog == null ? EventLog.empty(id) : storedLog.log();
                EventLog.Merge merge = log.merge(customer.getValue());
                accepted += merge.added();
                duplicates += merge.duplicates();
                if (merge.added() > 0) {
                    merged.put(id, StoredEventLog.of(merge.log()));
                }
                derived.put(id, derivation(id, merge.log(), asOf));
            }
            if (!merged.isEmpty()) {
                // Under the customers' locks, just read: the store need not be read again for previous values.
                logs.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES, Flag.SKIP_CACHE_LOAD).putAll(merged);
            }
            facts.updateAll(derived);
            return new Ingested(accepted, duplicates);
        });
    }

    /** Derives the customer's facts from the stored log again, as of the reference date (the refresh job's step). */
    public void refreshFacts(String customerId) {
        LocalDate asOf = referenceDate.today();
        locks.withLock(customerId, () -> {
            StoredEventLog stored = logs.get(customerId);
            return stored == null ? null : facts.update(customerId, derivation(customerId, stored.log(), asOf));
        });
    }

    /** How a customer's stored facts change for this log: behaviour derived from it and the current forecast. */
    private UnaryOperator<CustomerFacts> derivation(String customerId, EventLog log, LocalDate asOf) {
        EventBehaviour behaviour = BehaviourDeriver.derive(log, asOf);
        Optional<LifetimeValueScoring.Forecast> forecast = lifetimeValue.forecast(behaviour.summary());
        return stored -> LifetimeValueScoring.Forecast.apply(forecast, stored == null
                ? CustomerFacts.fromEventsOnly(customerId, behaviour)
                : stored.withBehaviour(behaviour));
    }

    public void erase(String customerId) {
        locks.withLock(customerId, () -> logs.remove(customerId));
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
