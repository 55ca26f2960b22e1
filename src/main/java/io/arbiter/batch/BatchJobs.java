package io.arbiter.batch;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryCreatedEvent;
import org.infinispan.notifications.cachelistener.event.CacheEntryModifiedEvent;
import org.jboss.logging.Logger;

import io.arbiter.audit.AuditTrail;
import io.arbiter.store.PrimaryKeys;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Batch evaluation jobs: submitted jobs are stored QUEUED and run one after another on this node (in a cluster on
 * every member, each over the segments it holds; see {@link JobRunner}); a job left
 * QUEUED or RUNNING by a crash or a stop is resumed from its checkpoint at start-up. Cancelling is a write to the
 * stored job (so a crash cannot undo it) and a signal to this node's workers, whose evaluations see it at their next
 * checkpoint; until they have stopped, the job shows {@code stopping}, and the next job waits for them.
 */
@ApplicationScoped
public class BatchJobs {

    private static final Logger LOG = Logger.getLogger(BatchJobs.class);

    private final Cache<String, BatchJob> jobs;
    private final BatchCaches caches;
    private final JobRunner runner;
    private final Clock clock;
    private final int listLimit;
    private final Map<String, LiveProgress> running = new ConcurrentHashMap<>();
    private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "batch-jobs");
        thread.setDaemon(true);
        return thread;
    });

    private final AuditTrail audit;

    BatchJobs(BatchCaches caches, JobRunner runner, Clock clock, BatchConfig config, AuditTrail audit) {
        this.audit = audit;
        this.jobs = caches.jobs();
        this.caches = caches;
        this.runner = runner;
        this.clock = clock;
        this.listLimit = config.listLimit();
    }

    public JobView submit(JobRequest request, String requestedBy, String trigger) {
        BatchJob job = new BatchJob(UUID.randomUUID().toString(), request.decisionSet(), request.version(),
                request.compareTo(), request.mode(), request.filter(), trigger, requestedBy, JobStatus.QUEUED,
                clock.instant(), null, null, 0, List.of(), JobTally.EMPTY, null);
        jobs.put(job.id(), job);
        if (job.mode() == JobMode.APPLY) {
            // it rewrites stored decisions: who asked for it belongs in the audit chain, as an activation does
            audit.append(requestedBy, "BATCH_APPLY", job.decisionSet(), job.version(), "job " + job.id() + " ("
                    + trigger + ")");
        }
        LOG.infof("batch job %s queued: %s of %s version %d by %s (%s)", job.id(), job.mode(), job.decisionSet(),
                job.version(), requestedBy, trigger);
        enqueue(job.id());
        return JobView.of(job, null);
    }

    /** Runs a stored job (again) on this node, after those already queued. */
    void enqueue(String id) {
        dispatcher.execute(() -> {
            BatchJob job = jobs.get(id);
            if (job == null || job.status().finished()) {
                return;
            }
            LiveProgress live = new LiveProgress();
            running.put(id, live);
            try {
                runner.run(id, live);
            } catch (RuntimeException e) {
                LOG.errorf(e, "batch job %s failed", id);
                caches.update(id, j -> j.status().finished() ? j : j.failed(String.valueOf(e), clock.instant()));
            } finally {
                running.remove(id);
            }
        });
    }

    public Optional<JobView> find(String id) {
        return Optional.ofNullable(jobs.get(id)).map(job -> JobView.of(job, running.get(id)));
    }

    /** Recent jobs, newest first. */
    public List<JobView> recent() {
        return jobs.values().stream()
                .sorted(Comparator.comparing(BatchJob::createdAt).reversed())
                .limit(listLimit)
                .map(job -> JobView.of(job, running.get(job.id())))
                .toList();
    }

    /** The ids of the jobs queued or running on any member, oldest first. */
    public List<String> unfinishedIds() {
        return unfinished().stream().map(BatchJob::id).toList();
    }

    /** The newest job that matches, e.g. the impact analysis of a version. */
    public Optional<JobView> latest(Predicate<BatchJob> which) {
        return jobs.values().stream().filter(which)
                .max(Comparator.comparing(BatchJob::createdAt))
                .map(job -> JobView.of(job, running.get(job.id())));
    }

    /** Cancels a queued or running job; a finished one stays as it is. Empty when there is no such job. */
    public Optional<JobView> cancel(String id) {
        BatchJob job = caches.update(id, j -> j.status().finished() ? j : j.withStatus(JobStatus.CANCELLED, clock.instant()));
        LiveProgress live = running.get(id);
        if (live != null) {
            live.cancelled = true;
        }
        return Optional.ofNullable(job).map(j -> JobView.of(j, live));
    }

    /** Retention: records of jobs that finished before {@code cutoff} go; this node's primary share. */
    public long pruneFinished(Instant cutoff) {
        long pruned = 0;
        for (String id : PrimaryKeys.of(jobs)) {
            BatchJob job = jobs.get(id);
            if (job != null && job.status().finished() && job.finishedAt() != null && job.finishedAt().isBefore(cutoff)
                    && jobs.remove(id, job)) {
                pruned++;
            }
        }
        return pruned;
    }

    private List<BatchJob> unfinished() {
        return jobs.values().stream().filter(j -> !j.status().finished())
                .sorted(Comparator.comparing(BatchJob::createdAt)).toList();
    }

    /** A job a crash (or a stop) left unfinished continues from its checkpoint. */
    void onStart(@Observes StartupEvent event) {
        jobs.addListener(new OtherMembersJobs());
        for (BatchJob job : unfinished()) {
            LOG.infof("batch job %s was %s when the service stopped: resuming it", job.id(), job.status());
            enqueue(job.id());
        }
    }

    /**
     * In a cluster, a job submitted on another member runs here too, over the segments this node holds, and a job
     * cancelled on another member stops here at the next checkpoint of its workers.
     */
    @Listener
    public class OtherMembersJobs {

        @CacheEntryCreated
        public void submitted(CacheEntryCreatedEvent<String, BatchJob> event) {
            if (!event.isPre() && !event.isOriginLocal()) {
                enqueue(event.getKey());
            }
        }

        @CacheEntryModified
        public void changed(CacheEntryModifiedEvent<String, BatchJob> event) {
            LiveProgress live = running.get(event.getKey());
            if (!event.isPre() && !event.isOriginLocal() && live != null && event.getNewValue() != null
                    && event.getNewValue().status() == JobStatus.CANCELLED) {
                live.cancelled = true;
            }
        }
    }

    /**
     * A stop leaves running jobs as they are stored, to be resumed at the next start. On the shutdown event, before
     * the container destroys any bean: from a destructor, the call to the runner could create it anew after its
     * caches had closed (an ERROR at every quick stop), and the runner's workers could be interrupted before the flag.
     */
    void stop(@Observes ShutdownEvent event) {
        running.values().forEach(live -> live.stopping = true);
        // only now the workers: interrupted before the flag, a worker's failure would store the job FAILED
        runner.stop();
        dispatcher.shutdownNow();
    }
}
