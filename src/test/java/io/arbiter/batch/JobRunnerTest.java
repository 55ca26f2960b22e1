package io.arbiter.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The runner's end states, independent of how long a walk of the store takes. */
@QuarkusTest
class JobRunnerTest {

    @Inject
    JobRunner runner;

    @Inject
    BatchCaches caches;

    @Test
    void aCancelledRunStopsBeforeItsNextCustomerAndIsStoredCancelled() {
        String id = stored(1);
        LiveProgress live = new LiveProgress();
        live.cancelled = true;
        runner.run(id, live);
        BatchJob job = caches.jobs().get(id);
        assertEquals(JobStatus.CANCELLED, job.status());
        assertEquals(List.of(), job.completedSegments(), "no part was walked to its end");
        assertEquals(0, job.tally().decided());
        assertNotNull(job.finishedAt());
    }

    @Test
    void aStoppingServiceLeavesTheJobRunningForTheNextStart() {
        String id = stored(1);
        LiveProgress live = new LiveProgress();
        live.stopping = true;
        runner.run(id, live);
        assertEquals(JobStatus.RUNNING, caches.jobs().get(id).status());
        caches.jobs().remove(id);
    }

    @Test
    void aVersionThatCannotBeCompiledFailsTheJob() {
        String id = stored(999);
        runner.run(id, new LiveProgress());
        BatchJob job = caches.jobs().get(id);
        assertEquals(JobStatus.FAILED, job.status());
        assertNotNull(job.failure());
    }

    private String stored(long version) {
        String id = UUID.randomUUID().toString();
        caches.jobs().put(id, new BatchJob(id, "customer-value", version, 0, JobMode.DRY_RUN, JobFilter.ALL, "API",
                "admin", JobStatus.QUEUED, Instant.now(), null, null, 0, List.of(), JobTally.EMPTY, null));
        return id;
    }
}
