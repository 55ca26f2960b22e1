package io.arbiter.batch;

import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.infinispan.Cache;

import io.quarkus.runtime.StartupEvent;

import io.arbiter.store.CustomerLocks;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/** Batch evaluation jobs with their checkpoints: completed segments and their counts. */
@ApplicationScoped
public class BatchCaches {

    public static final String BATCH_JOBS = "batch-jobs";
    /** Job ids are locked in the customers' lock space under this prefix, which no customer id can take. */
    private static final String JOB_LOCK_PREFIX = "\u0000batch-job/";

    private final DurableCaches caches;
    private final CustomerLocks locks;

    BatchCaches(DurableCaches caches, CustomerLocks locks) {
        this.caches = caches;
        this.locks = locks;
    }

    public Cache<String, BatchJob> jobs() {
        return caches.cache(BATCH_JOBS, -1, Placement.REPLICATED);
    }

    /**
     * Applies {@code change} to a stored job under the job's lock, so that its runner and a cancel arriving at another
     * node never lose each other's write; null when there is no such job. A lock rather than a compare-and-set,
     * because a job's tally holds maps whose ProtoStream bytes need not repeat after a decode.
     */
    BatchJob update(String id, UnaryOperator<BatchJob> change) {
        Cache<String, BatchJob> jobs = jobs();
        return locks.withLock(JOB_LOCK_PREFIX + id, () -> {
            BatchJob current = jobs.get(id);
            if (current == null) {
                return null;
            }
            BatchJob next = change.apply(current);
            if (!next.equals(current)) {
                jobs.put(id, next);
            }
            return next;
        });
    }

    /**
     * Opened at start-up on every node, not on first use: in a cluster a node that joins a cache late is missing
     * from its stable topology, and losing another member then looks like a minority partition.
     */
    void open(@Observes StartupEvent event) {
        jobs();
    }
}
