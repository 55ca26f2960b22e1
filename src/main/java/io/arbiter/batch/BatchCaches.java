package io.arbiter.batch;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.store.DurableCaches;

/** Batch evaluation jobs with their checkpoints: completed segments and their counts. */
@ApplicationScoped
public class BatchCaches {

    public static final String BATCH_JOBS = "batch-jobs";

    private final DurableCaches caches;

    BatchCaches(DurableCaches caches) {
        this.caches = caches;
    }

    public Cache<String, BatchJob> jobs() {
        return caches.cache(BATCH_JOBS, -1);
    }
}
