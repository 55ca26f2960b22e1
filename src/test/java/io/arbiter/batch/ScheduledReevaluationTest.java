package io.arbiter.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The cron trigger (off in configuration, so called directly here) starts an APPLY of the active version. */
@QuarkusTest
class ScheduledReevaluationTest {

    @Inject
    ScheduledReevaluation schedule;

    @Inject
    BatchJobs jobs;

    @Test
    void aScheduledRunAppliesTheActiveVersionOfTheDefaultSet() throws InterruptedException {
        Instant before = Instant.now();
        schedule.reevaluate();
        JobView job = jobs.latest(j -> ScheduledReevaluation.TRIGGER.equals(j.trigger()) && !j.createdAt().isBefore(before))
                .orElseThrow(() -> new AssertionError("no scheduled job was started"));
        assertEquals(JobMode.APPLY, job.mode());
        assertEquals("customer-value", job.decisionSet());
        assertEquals("scheduler", job.requestedBy());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!job.status().finished() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = jobs.find(job.id()).orElseThrow();
        }
        assertEquals(JobStatus.COMPLETED, job.status());
        assertTrue(job.summary().decided() > 0, "the stored customers were decided");
    }
}
