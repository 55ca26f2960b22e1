package io.arbiter.analytics;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;
import org.jboss.logging.Logger;

import io.arbiter.analytics.rfm.RfmPopulation;
import io.arbiter.analytics.rfm.RfmSegments;
import io.arbiter.config.ArbiterConfig;
import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.ingestion.EventIngestion;
import io.arbiter.events.StoredEventLog;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.facts.RfmScore;
import io.arbiter.facts.CustomerFactsCache;
import io.arbiter.behaviour.ReferenceDate;
import io.arbiter.lifetimevalue.LifetimeValueScoring;
import io.quarkus.scheduler.Scheduled;

/**
 * Brings every customer's derived facts up to the reference date, in three passes that never hold the population's
 * records: (1) behaviour is derived again from each event log (recency grows every day without any event);
 * (2) the recency, frequency and monetary values of all customers give the quintile scales; (3) each customer gets
 * R, F, M scores, the segment the active RFM decision set gives them, and the current lifetime-value forecast.
 * One run at a time; a run asked for while one is going returns that one.
 */
@ApplicationScoped
public class AnalyticsRefresh {

    private static final Logger LOG = Logger.getLogger(AnalyticsRefresh.class);
    private static final int RUNS_KEPT = 20;

    /** A refresh run as the API shows it. */
    public record Run(String id, String status, LocalDate asOf, long eventLogs, long customers, Instant startedAt,
                      Long durationMs, String error) {
    }

    private final Cache<String, StoredEventLog> logs;
    private final Cache<String, CustomerFacts> factsCache;
    private final CustomerFactsStore facts;
    private final EventIngestion ingestion;
    private final LifetimeValueScoring lifetimeValue;
    private final ActiveDecisionSets active;
    private final DecisionPipeline pipeline;
    private final ReferenceDate referenceDate;
    private final Clock clock;
    private final String rfmSet;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "analytics-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private Run current;

    AnalyticsRefresh(Cache<String, StoredEventLog> logs, @CustomerFactsCache Cache<String, CustomerFacts> factsCache,
                     CustomerFactsStore facts, EventIngestion ingestion, LifetimeValueScoring lifetimeValue,
                     ActiveDecisionSets active, DecisionPipeline pipeline, ReferenceDate referenceDate, Clock clock,
                     ArbiterConfig config) {
        this.logs = logs;
        this.factsCache = factsCache;
        this.facts = facts;
        this.ingestion = ingestion;
        this.lifetimeValue = lifetimeValue;
        this.active = active;
        this.pipeline = pipeline;
        this.referenceDate = referenceDate;
        this.clock = clock;
        this.rfmSet = config.analytics().rfmDecisionSet();
    }

    @Scheduled(identity = "analytics-refresh", cron = "${arbiter.analytics.refresh.cron}")
    void onSchedule() {
        start();
    }

    /** Starts a run, or returns the one in progress. */
    public synchronized Run start() {
        if (current != null) {
            return current;
        }
        Run run = new Run(UUID.randomUUID().toString(), "RUNNING", referenceDate.today(), 0, 0, clock.instant(), null, null);
        record(run);
        current = run;
        worker.execute(() -> execute(run));
        return run;
    }

    public synchronized Optional<Run> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    public synchronized List<Run> recent() {
        List<Run> list = new ArrayList<>(runs.values());
        java.util.Collections.reverse(list);
        return list;
    }

    private void execute(Run run) {
        long started = System.nanoTime();
        Run finished;
        try {
            finished = refresh(run, started);
        } catch (RuntimeException e) {
            LOG.errorf(e, "analytics refresh %s failed", run.id());
            finished = new Run(run.id(), "FAILED", run.asOf(), 0, 0, run.startedAt(), elapsedMs(started), e.getMessage());
        }
        synchronized (this) {
            record(finished);
            current = null;
        }
    }

    private Run refresh(Run run, long started) {
        AtomicLong eventLogs = new AtomicLong();
        logs.keySet().parallelStream().forEach(customerId -> {
            ingestion.refreshFacts(customerId);
            eventLogs.incrementAndGet();
        });
        RfmPopulation population = new RfmPopulation();
        factsCache.values().forEach(population::add);
        if (population.count() == 0) {
            return new Run(run.id(), "COMPLETED", run.asOf(), eventLogs.get(), 0, run.startedAt(), elapsedMs(started), null);
        }
        RfmPopulation.RfmScales scales = population.scales();
        CompiledDecisionSet rfm = active.get(rfmSet)
                .orElseThrow(() -> new IllegalStateException("decision set " + rfmSet + " has no active version"));
        RfmSegments segments = new RfmSegments(pipeline, rfm);
        AtomicLong scored = new AtomicLong();
        factsCache.entrySet().parallelStream().forEach(entry -> {
            Optional<LifetimeValueScoring.Forecast> forecast = lifetimeValue.forecast(entry.getValue().fromEvents());
            facts.update(entry.getKey(), stored -> {
                if (stored == null) {
                    return null;
                }
                int r = scales.r(stored);
                int f = scales.f(stored);
                int m = scales.m(stored);
                return LifetimeValueScoring.Forecast.apply(forecast, stored.withModelFacts(
                        new RfmScore(r, f, m, segments.segment(r, f, m)), stored.clv(), stored.pAlive(),
                        stored.expectedPurchases()));
            });
            scored.incrementAndGet();
        });
        LOG.infof("analytics refresh %s: %d event logs, %d customers scored as of %s in %d ms", run.id(),
                eventLogs.get(), scored.get(), run.asOf(), elapsedMs(started));
        return new Run(run.id(), "COMPLETED", run.asOf(), eventLogs.get(), scored.get(), run.startedAt(),
                elapsedMs(started), null);
    }

    private void record(Run run) {
        runs.remove(run.id());
        runs.put(run.id(), run);
        if (runs.size() > RUNS_KEPT) {
            runs.remove(runs.keySet().iterator().next());
        }
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
