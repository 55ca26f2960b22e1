package io.arbiter.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.infinispan.Cache;
import org.jboss.logging.Logger;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.LiveSet;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.EvaluationBudget;
import io.arbiter.engine.EvaluationBudgetExceededException;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.history.DecisionRecords;
import io.arbiter.monitoring.OutcomeMonitor;
import io.arbiter.history.LatestDecision;
import io.arbiter.history.DecisionOutcome;
import io.arbiter.repository.VersionSnapshots;
import io.arbiter.store.ClusterChange;

/**
 * Runs one job: compiles its version(s) once, then worker threads take the segments not yet checkpointed (one at a
 * time in a cluster, a few together on one node: {@link FactsSegments#partsPerWalk}), decide each customer through
 * the {@link DecisionPipeline}, and checkpoint what they walked with its tally in one atomic write to the job. A
 * failure on one customer is counted and sampled; the job goes on.
 *
 * <p>Every decision runs under an {@link EvaluationBudget}: the per-decision budget, the job's cancellation (and
 * the service stopping), and for an impact analysis its budget in all. A decision over a budget is not one more
 * customer's error but fails the job with the reason, since such a version would hold the workers as long on
 * every customer; a cancelled job's workers stop at the next checkpoint of the evaluation they are in.
 */
@ApplicationScoped
class JobRunner {

    /** How long one customer's decision (by each version) and a whole impact analysis may take. */
    record Budgets(Duration perDecision, Duration impactAnalysis) {
    }

    private static final Logger LOG = Logger.getLogger(JobRunner.class);
    /** Customers decided, read and written together: bulk store operations instead of one per customer. */
    private static final int CHUNK = 256;
    /** How often a member that has decided its segments looks whether the job is done or segments moved to it. */
    private static final long OTHER_MEMBERS_POLL_MILLIS = 200;

    private final Cache<String, BatchJob> jobs;
    private final BatchCaches caches;
    private final FactsSegments segments;
    private final VersionSnapshots snapshots;
    private final DecisionPipeline pipeline;
    private final DecisionRecords records;
    private final Clock clock;
    private final ExecutorService workers;
    private final int workerCount;
    private final Budgets budgets;
    private final ActiveDecisionSets active;
    private final OutcomeMonitor monitor;

    @Inject
    JobRunner(BatchCaches caches, FactsSegments segments, VersionSnapshots snapshots, DecisionPipeline pipeline,
              DecisionRecords records, Clock clock, BatchConfig config, ArbiterConfig arbiter,
              ActiveDecisionSets active, OutcomeMonitor monitor) {
        this(caches, segments, snapshots, pipeline, records, clock, config,
                new Budgets(arbiter.budget().batchDecision(), arbiter.budget().impactAnalysis()), active, monitor);
    }

    JobRunner(BatchCaches caches, FactsSegments segments, VersionSnapshots snapshots, DecisionPipeline pipeline,
              DecisionRecords records, Clock clock, BatchConfig config, Budgets budgets, ActiveDecisionSets active,
              OutcomeMonitor monitor) {
        this.budgets = budgets;
        this.active = active;
        this.monitor = monitor;
        this.jobs = caches.jobs();
        this.caches = caches;
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
            caches.update(id, j -> j.status().finished() ? j
                    : j.failed("the decision set cannot be compiled: " + e.getMessage(), clock.instant()));
            return;
        }
        long total = job.total() == 0 ? segments.size() : job.total();
        job = caches.update(id, j -> j.status().finished() ? j : j.started(clock.instant(), total));
        if (job == null || job.status().finished()) {
            return;
        }
        SegmentWork work = new SegmentWork(job, set, compare, LocalDate.now(clock), live);
        EvaluationBudget whole = jobBudget(job, live);
        // In a cluster every member runs the job over the segments it holds and waits until all are decided: the
        // segments of a member that dies move to the survivors, which then decide them here.
        while (live.proceed()) {
            ConcurrentLinkedQueue<Integer> todo = new ConcurrentLinkedQueue<>(segments.owned());
            todo.removeAll(job.completedSegments());
            if (!todo.isEmpty()) {
                LOG.infof("batch job %s: %s of %s version %d over %d segments%s", id, job.mode(), job.decisionSet(),
                        job.version(), todo.size(), job.completedSegments().isEmpty() ? ""
                                : " (" + job.completedSegments().size() + " already complete)");
                if (!walk(id, todo, work, whole, live)) {
                    return;
                }
            }
            job = jobs.get(id);
            if (job == null || job.status().finished() || job.completedSegments().size() >= segments.count()) {
                break;
            }
            try {
                Thread.sleep(OTHER_MEMBERS_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        finish(id, live);
    }

    /** Decides the segments with every worker; false when this thread was interrupted (the service stops). */
    private boolean walk(String id, ConcurrentLinkedQueue<Integer> todo, SegmentWork work, EvaluationBudget whole,
                         LiveProgress live) {
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < workerCount; w++) {
            running.add(workers.submit(() -> {
                try {
                    EvaluationBudget.run(whole, () -> {
                        List<Integer> parts;
                        while (live.proceed() && !(parts = take(todo, segments.partsPerWalk(workerCount))).isEmpty()) {
                            work.segments(parts);
                        }
                    });
                } catch (EvaluationBudgetExceededException e) {
                    // Cancelled, or over a budget: the reason was recorded where the decision stopped.
                } catch (RuntimeException e) {
                    live.fail("the job stopped: " + e); // the other workers stop at their next checkpoint
                    throw e;
                }
            }));
        }
        for (Future<?> worker : running) {
            try {
                worker.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                live.fail("the job stopped: " + e.getCause());
                LOG.errorf(e.getCause(), "batch job %s: a worker failed", id);
            }
        }
        return true;
    }

    /** Up to {@code most} parts not yet taken by another worker. */
    private static List<Integer> take(ConcurrentLinkedQueue<Integer> todo, int most) {
        List<Integer> parts = new ArrayList<>(most);
        Integer part;
        while (parts.size() < most && (part = todo.poll()) != null) {
            parts.add(part);
        }
        return parts;
    }

    /**
     * What every worker of the job runs under: cancelled when the job is cancelled or fails or the service stops,
     * and for an impact analysis its budget in all, counted from the job's start (so a restart does not renew it).
     */
    private EvaluationBudget jobBudget(BatchJob job, LiveProgress live) {
        EvaluationBudget budget = EvaluationBudget.cancellable(() -> !live.proceed());
        if (!ImpactAnalysis.TRIGGER.equals(job.trigger())) {
            return budget;
        }
        Duration spent = Duration.between(job.startedAt(), clock.instant());
        return budget.and(EvaluationBudget.inAll(budgets.impactAnalysis(), spent.isNegative() ? Duration.ZERO : spent));
    }

    /** Stores how the job ended, once all its workers have stopped. */
    private void finish(String id, LiveProgress live) {
        if (live.stopping) {
            return;
        }
        String failure = live.failure();
        BatchJob done = caches.update(id, j -> {
            if (j.status() == JobStatus.CANCELLED && live.cancelled) {
                // Stored CANCELLED when it was asked for; it ended only now that the workers have stopped.
                return j.withStatus(JobStatus.CANCELLED, clock.instant());
            }
            if (j.status().finished()) {
                return j;
            }
            if (failure != null) {
                return j.failed(failure, clock.instant());
            }
            if (live.cancelled) {
                return j.withStatus(JobStatus.CANCELLED, clock.instant());
            }
            // complete once every segment is decided, by whichever member decides the last one
            return j.completedSegments().size() >= segments.count()
                    ? j.withStatus(JobStatus.COMPLETED, clock.instant()) : j;
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

        /** Walks the parts together and checkpoints them together, with one tally. */
        void segments(List<Integer> parts) {
            TallyBuilder tally = new TallyBuilder();
            List<CustomerFacts> chunk = new ArrayList<>(CHUNK);
            long[] walked = new long[1];
            int topology = segments.topologyId();
            try {
                boolean whole = segments.forEach(parts, facts -> {
                    walked[0]++;
                    live.scanned.incrementAndGet();
                    live.uncheckpointed.incrementAndGet();
                    chunk.add(facts);
                    if (chunk.size() == CHUNK) {
                        decide(chunk, tally);
                        chunk.clear();
                    }
                }, live::proceed);
                // a walk that a rebalance took the segment from may have missed entries: a member decides it again
                if (whole && segments.stillHeld(parts)) {
                    decide(chunk, tally);
                    caches.update(job.id(), j -> j.withSegments(parts, tally.build()));
                }
            } catch (RuntimeException e) {
                if (e instanceof EvaluationBudgetExceededException
                        || !ClusterChange.explains(e) && !segments.changedSince(topology)) {
                    throw e;
                }
                // A member left or the cluster is split: the segment stays incomplete and is walked again, here or
                // by the member it moves to, once the cluster serves it (a re-walk records nobody twice).
                LOG.warnf("batch job %s: segments %s left for later, the cluster is changing: %s", job.id(), parts,
                        e.getMessage());
            } finally {
                live.uncheckpointed.addAndGet(-walked[0]);
            }
        }

        /** Decides a chunk of customers; stored decisions are read and written in bulk, one chunk at a time. */
        private void decide(List<CustomerFacts> chunk, TallyBuilder tally) {
            JobFilter filter = job.filter();
            boolean apply = job.mode() == JobMode.APPLY;
            List<CustomerFacts> selected = new ArrayList<>(chunk.size());
            for (CustomerFacts facts : chunk) {
                if (filter.matchesFacts(facts)) {
                    selected.add(facts);
                } else {
                    tally.filteredOut();
                }
            }
            Map<String, LatestDecision> stored = Map.of();
            if (!selected.isEmpty() && (filter.needsLatestDecision() || (!apply && compare == null))) {
                Set<String> ids = new HashSet<>();
                selected.forEach(f -> ids.add(f.customerId()));
                stored = records.latest(ids, job.decisionSet());
            }
            LiveSet liveSet = apply ? liveSet() : null;
            List<CustomerDecision> decided = new ArrayList<>(selected.size());
            List<DecisionOutcome> compared = new ArrayList<>(selected.size());
            List<DecisionRecords.Pending> pending = new ArrayList<>(selected.size());
            for (CustomerFacts facts : selected) {
                if (!filter.matchesLatest(stored.get(facts.customerId()))) {
                    tally.filteredOut();
                    continue;
                }
                LiveSet.Route route = liveSet == null ? new LiveSet.Route(set, null) : liveSet.route(facts.customerId());
                CustomerDecision decision = null;
                try {
                    decision = decideWithin(route.set(), facts).withArm(route.arm());
                    DecisionOutcome before = compare == null ? null : DecisionOutcome.of(decideWithin(compare, facts));
                    decided.add(decision);
                    compared.add(before);
                    if (liveSet != null) {
                        monitor.batchDecided(liveSet, decision);
                    }
                    pending.add(new DecisionRecords.Pending(decision, facts.version()));
                } catch (EvaluationBudgetExceededException e) {
                    throw e; // not this customer's error: the whole job stops (decideWithin says why)
                } catch (RuntimeException e) {
                    if (liveSet != null && decision == null) {
                        monitor.failed(liveSet, route.arm());
                    }
                    tally.failed(facts.customerId(), String.valueOf(e.getMessage()));
                }
            }
            List<DecisionRecords.Recorded> recorded = apply ? records.recordAll(pending, job.id()) : List.of();
            for (int i = 0; i < decided.size(); i++) {
                CustomerDecision decision = decided.get(i);
                DecisionOutcome before;
                if (compare != null) {
                    before = compared.get(i);
                } else if (apply) {
                    DecisionRecords.Recorded record = recorded.get(i);
                    // stale: a decision on newer facts was already stored and nothing was written, so no change
                    before = record.stale() ? DecisionOutcome.of(decision) : record.before();
                } else {
                    LatestDecision latest = stored.get(decision.customerId());
                    before = latest == null ? null : latest.outcome();
                }
                tally.decided(decision.customerId(), before, DecisionOutcome.of(decision), decision);
            }
        }

        /**
         * The set's live versions, when this APPLY decides with its active version: then a running canary's
         * customers are decided by the arm they fall in, as a synchronous call decides them, and the decisions count
         * in the set's drift and rollout counts. Read per chunk, so a ramp, promotion or abort during the job takes
         * effect from the next chunk (after a promotion, the job's own version decides the rest). A shadow's
         * challenger does not decide batch customers: an impact analysis compares versions over all of them.
         */
        private LiveSet liveSet() {
            return active.live(job.decisionSet()).filter(live -> live.champion().version() == set.version())
                    .orElse(null);
        }

        /** One customer's decision by one version under the per-decision budget; over a budget, the job fails. */
        private CustomerDecision decideWithin(CompiledDecisionSet version, CustomerFacts facts) {
            try {
                return EvaluationBudget.call(EvaluationBudget.perDecision(budgets.perDecision()),
                        () -> pipeline.decide(version, facts, asOf));
            } catch (EvaluationBudgetExceededException e) {
                if (e.reason() == EvaluationBudgetExceededException.Reason.PER_DECISION) {
                    live.fail("version " + version.version() + " of " + version.name() + " stopped on a customer: "
                            + e.getMessage() + "; the version may not terminate, and would hold the workers as long "
                            + "on every customer");
                } else if (e.reason() == EvaluationBudgetExceededException.Reason.IN_ALL) {
                    live.fail("the impact analysis stopped: " + e.getMessage());
                }
                throw e;
            }
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
