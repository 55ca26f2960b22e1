package io.arbiter.batch;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;
import org.jboss.logging.Logger;

import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.history.DecisionRecords;
import io.arbiter.history.LatestDecision;
import io.arbiter.history.Outcome;
import io.arbiter.repository.VersionSnapshots;
import io.arbiter.store.Caches;

/**
 * Runs one job: compiles its version(s) once, then worker threads take the segments not yet checkpointed one at a
 * time, decide each customer through the {@link DecisionPipeline}, and checkpoint the segment with its tally in
 * one atomic write to the job. A failure on one customer is counted and sampled; the job goes on.
 */
@ApplicationScoped
class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final Cache<String, BatchJob> jobs;
    private final FactsSegments segments;
    private final VersionSnapshots snapshots;
    private final DecisionPipeline pipeline;
    private final DecisionRecords records;
    private final Clock clock;
    private final ExecutorService workers;
    private final int workerCount;

    JobRunner(Caches caches, FactsSegments segments, VersionSnapshots snapshots, DecisionPipeline pipeline,
              DecisionRecords records, Clock clock, BatchConfig config) {
        this.jobs = caches.batchJobs();
        this.segments = segments;
        this.snapshots = snapshots;
        this.pipeline = pipeline;
        this.records = records;
        this.clock = clock;
        this.workerCount = config.workers().orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerCount, r -> {
            Thread thread = new Thread(r, "batch-worker-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the job to its end (or cancellation) on the calling thread and the workers. */
    void run(String id, LiveProgress live) {
        BatchJob job = jobs.get(id);
        CompiledDecisionSet set;
        CompiledDecisionSet compare;
        try {
            set = snapshots.compiled(job.decisionSet(), job.version());
            compare = job.compareTo() == 0 ? null : snapshots.compiled(job.decisionSet(), job.compareTo());
        } catch (Exception e) {
            LOG.errorf("batch job %s cannot start: %s", id, e.getMessage());
            jobs.computeIfPresent(id, (k, j) -> j.failed("the decision set cannot be compiled: " + e.getMessage(), clock.instant()));
            return;
        }
        long total = job.total() == 0 ? segments.size() : job.total();
        job = jobs.computeIfPresent(id, (k, j) -> j.status().finished() ? j : j.started(clock.instant(), total));
        if (job == null || job.status().finished()) {
            return;
        }
        ConcurrentLinkedQueue<Integer> todo = new ConcurrentLinkedQueue<>(segments.owned());
        todo.removeAll(job.completedSegments());
        LOG.infof("batch job %s: %s of %s version %d over %d segments%s", id, job.mode(), job.decisionSet(),
                job.version(), todo.size(), job.completedSegments().isEmpty() ? "" : " (resumed from its checkpoint)");
        SegmentWork work = new SegmentWork(job, set, compare, LocalDate.now(clock), live);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workerCount; w++) {
            running.add(workers.submit(() -> {
                Integer segment;
                while (live.proceed() && (segment = todo.poll()) != null) {
                    work.segment(segment);
                }
            }));
        }
        String failure = null;
        for (Future<?> worker : running) {
            try {
                worker.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failure = String.valueOf(e.getCause());
                live.cancelled = true;
                LOG.errorf(e.getCause(), "batch job %s: a worker failed", id);
            }
        }
        finish(id, live, failure);
    }

    private void finish(String id, LiveProgress live, String failure) {
        if (live.stopping) {
            return;
        }
        BatchJob done = jobs.computeIfPresent(id, (k, j) -> {
            if (j.status().finished()) {
                return j;
            }
            if (failure != null) {
                return j.failed("the job stopped: " + failure, clock.instant());
            }
            return j.withStatus(live.cancelled ? JobStatus.CANCELLED : JobStatus.COMPLETED, clock.instant());
        });
        LOG.infof("batch job %s %s: %d decided, %d changed, %d errors", id, done.status(), done.tally().decided(),
                done.tally().changed(), done.tally().errors());
    }

    /** What every worker of one job shares; each segment counts into its own tally. */
    private final class SegmentWork {
        private final BatchJob job;
        private final CompiledDecisionSet set;
        private final CompiledDecisionSet compare;
        private final LocalDate asOf;
        private final LiveProgress live;

        SegmentWork(BatchJob job, CompiledDecisionSet set, CompiledDecisionSet compare, LocalDate asOf, LiveProgress live) {
            this.job = job;
            this.set = set;
            this.compare = compare;
            this.asOf = asOf;
            this.live = live;
        }

        void segment(int segment) {
            TallyBuilder tally = new TallyBuilder();
            long[] walked = new long[1];
            boolean whole = segments.forEach(segment, facts -> {
                walked[0]++;
                live.scanned.incrementAndGet();
                live.uncheckpointed.incrementAndGet();
                try {
                    decide(facts, tally);
                } catch (RuntimeException e) {
                    tally.failed(facts.customerId(), String.valueOf(e.getMessage()));
                }
            }, live::proceed);
            if (whole) {
                jobs.computeIfPresent(job.id(), (k, j) -> j.withSegment(segment, tally.build()));
            }
            live.uncheckpointed.addAndGet(-walked[0]);
        }

        private void decide(CustomerFacts facts, TallyBuilder tally) {
            JobFilter filter = job.filter();
            if (!filter.matchesFacts(facts)) {
                tally.filteredOut();
                return;
            }
            boolean apply = job.mode() == JobMode.APPLY;
            LatestDecision stored = filter.needsLatestDecision() || (!apply && compare == null)
                    ? records.latest(facts.customerId(), job.decisionSet()) : null;
            if (!filter.matchesLatest(stored)) {
                tally.filteredOut();
                return;
            }
            CustomerDecision decision = pipeline.decide(set, facts, asOf);
            Outcome after = Outcome.of(decision);
            Outcome before = compare == null ? null : Outcome.of(pipeline.decide(compare, facts, asOf));
            if (apply) {
                DecisionRecords.Recorded recorded = records.record(decision, facts.version(), job.id());
                if (compare == null) {
                    before = recorded.before();
                }
            } else if (compare == null) {
                before = stored == null ? null : stored.outcome();
            }
            tally.decided(facts.customerId(), before, after, decision);
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
