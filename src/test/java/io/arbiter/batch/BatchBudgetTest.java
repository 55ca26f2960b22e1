package io.arbiter.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.SlowBundles;
import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.facts.FactsParser;
import io.arbiter.history.DecisionRecords;
import io.arbiter.repository.DecisionRepository;
import io.arbiter.repository.VersionSnapshots;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Batch jobs over a version whose every decision would run for half a minute or more (600 slow DMN decisions): over
 * the per-decision budget the job fails with the reason; an impact analysis over its budget in all fails; and a
 * cancel stops the workers in the middle of their decisions, with the job shown stopping until they have.
 */
@QuarkusTest
class BatchBudgetTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SET = "bb-" + RUN;
    private static final String PREFIX = "bb" + RUN + "-";
    private static final JobFilter MINE = new JobFilter(null, null, null, null, PREFIX);
    /** Decisions of the slow model: 30 ms (a warm, idle machine) to a few hundred ms each. */
    private static final int SLOW_DECISIONS = 600;
    private static final int CUSTOMERS = 4;

    private static long version;

    @Inject
    BatchCaches caches;
    @Inject
    FactsSegments segments;
    @Inject
    VersionSnapshots snapshots;
    @Inject
    DecisionPipeline pipeline;
    @Inject
    DecisionRecords records;
    @Inject
    Clock clock;
    @Inject
    BatchConfig config;
    @Inject
    JobRunner runner;
    @Inject
    io.arbiter.engine.ActiveDecisionSets active;
    @Inject
    io.arbiter.monitoring.OutcomeMonitor monitor;
    @Inject
    BatchJobs jobs;
    @Inject
    DecisionRepository repository;
    @Inject
    CustomerFactsStore store;
    @Inject
    FactsParser parser;

    @BeforeEach
    void setUp() throws Exception {
        synchronized (BatchBudgetTest.class) {
            if (version != 0) {
                return;
            }
            version = repository.publish(SET, SlowBundles.customerValueWith(SET, Map.of("slow.dmn",
                    SlowBundles.slowModel("slow", SLOW_DECISIONS, SlowBundles.HEAVY_ITERATIONS))), "", "analyst").version();
            ObjectMapper json = new ObjectMapper();
            for (int i = 0; i < CUSTOMERS; i++) {
                store.upsert(parser.parse(json.readTree("""
                        {"customerId": "%s%d", "segment": "RETAIL", "country": "DE", "joinedOn": "2019-03-01",
                         "consent": {"marketing": true, "profiling": true}, "recencyDays": 12, "frequency12m": 14,
                         "monetary12m": 1830.50, "maxDaysPastDue": 0, "missedPayments12m": 0, "chargebacks12m": 0,
                         "complaints90d": 0, "fraudFlag": false}
                        """.formatted(PREFIX, i))));
            }
        }
    }

    @Test
    void aVersionOverThePerDecisionBudgetFailsTheJobWithTheReason() {
        JobRunner strict = new JobRunner(caches, segments, snapshots, pipeline, records, clock, config,
                new JobRunner.Budgets(Duration.ofMillis(500), Duration.ofMinutes(15)), active, monitor);
        try {
            String id = stored("API", JobStatus.QUEUED, null);
            strict.run(id, new LiveProgress());
            BatchJob job = caches.jobs().get(id);
            assertEquals(JobStatus.FAILED, job.status());
            assertEquals("version " + version + " of " + SET + " stopped on a customer: the evaluation exceeded its "
                    + "time budget of 500 ms per decision; the version may not terminate, and would hold the workers "
                    + "as long on every customer", job.failure());
            assertEquals(0, job.tally().errors(), "not counted as one customer's error");
            assertEquals(0, job.tally().decided());
            assertNotNull(job.finishedAt());
        } finally {
            strict.stop();
        }
    }

    @Test
    void anImpactAnalysisOverItsBudgetInAllFailsEvenWhenResumed() {
        // Started 16 minutes ago and resumed after a restart: the configured 15 minutes in all are spent.
        String id = stored(ImpactAnalysis.TRIGGER, JobStatus.RUNNING, Instant.now().minus(Duration.ofMinutes(16)));
        runner.run(id, new LiveProgress());
        BatchJob job = caches.jobs().get(id);
        assertEquals(JobStatus.FAILED, job.status());
        assertEquals("the impact analysis stopped: the evaluation exceeded its time budget of 15 min in all", job.failure());
        assertEquals(0, job.tally().decided());
    }

    @Test
    void cancellingStopsTheWorkersInTheMiddleOfTheirDecisions() throws Exception {
        String id = jobs.submit(new JobRequest(SET, version, 0, JobMode.DRY_RUN, MINE), "approver", "API").id();
        awaitTrue(() -> workersDeciding() > 0, Duration.ofMinutes(3), "a worker started deciding");

        JobView cancelled = jobs.cancel(id).orElseThrow();
        assertEquals(JobStatus.CANCELLED, cancelled.status());
        assertTrue(cancelled.stopping(), "its workers are still in a decision that would run for half a minute");

        // Each decision would take half a minute or more; a worker sees the cancel before its next DMN decision.
        awaitTrue(() -> workersDeciding() == 0, Duration.ofSeconds(20), "no worker is deciding any more");
        awaitTrue(() -> !jobs.find(id).orElseThrow().stopping(), Duration.ofSeconds(20), "the job is no longer stopping");
        JobView stopped = jobs.find(id).orElseThrow();
        assertEquals(JobStatus.CANCELLED, stopped.status());
        assertEquals(0, stopped.summary().decided());
        assertFalse(stopped.finishedAt().isBefore(cancelled.finishedAt()), "finished when the workers had stopped");
        Thread.sleep(1_000);
        assertEquals(stopped.processed(), jobs.find(id).orElseThrow().processed(), "nothing more was processed");
    }

    /** Batch workers whose stack is inside the pipeline right now. */
    private static long workersDeciding() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("batch-worker-"))
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(frame -> frame.getClassName().equals(DecisionPipeline.class.getName())))
                .count();
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("within " + timeout + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    private String stored(String trigger, JobStatus status, Instant startedAt) {
        String id = UUID.randomUUID().toString();
        caches.jobs().put(id, new BatchJob(id, SET, version, 0, JobMode.DRY_RUN, MINE, trigger, "admin", status,
                Instant.now(), startedAt, null, 0, List.of(), JobTally.EMPTY, null));
        return id;
    }
}
