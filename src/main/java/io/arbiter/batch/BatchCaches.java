package io.arbiter.batch;

import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.store.CacheDefinition;
import io.arbiter.store.CacheOwner;
import io.arbiter.store.CustomerLocks;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/** Batch evaluation jobs with their checkpoints: completed segments and their counts. */
@ApplicationScoped
public class BatchCaches implements CacheOwner {

    public static final String BATCH_JOBS = "batch-jobs";
    /** Job ids are locked in the customers' lock space under this prefix, which no customer id can take. */
    private static final String JOB_LOCK_PREFIX = "\u0000batch-job/";

    private static final CacheDefinition JOBS = new CacheDefinition(BATCH_JOBS, -1, Placement.REPLICATED);

    private final DurableCaches caches;
    private final CustomerLocks locks;

    BatchCaches(DurableCaches caches, CustomerLocks locks) {
        this.caches = caches;
        this.locks = locks;
    }

    public Cache<String, BatchJob> jobs() {
        return caches.cache(JOBS);
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

    @Override
    public List<CacheDefinition> durableCaches() {
        return List.of(JOBS);
    }
}
