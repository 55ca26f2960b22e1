package io.arbiter.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A job's checkpoint when a walk completes several parts at once. */
class BatchJobTest {

    private static final BatchJob RUNNING = new BatchJob("job", "customer-value", 1, 0, JobMode.APPLY, JobFilter.ALL,
            "API", "admin", JobStatus.RUNNING, Instant.EPOCH, Instant.EPOCH, null, 100, List.of(), JobTally.EMPTY, null);

    @Test
    void aWalkAddsAllItsPartsAndItsTallyOnce() {
        BatchJob job = RUNNING.withSegments(List.of(0, 1, 2), filtered(3))
                .withSegments(List.of(3, 4), filtered(2));
        assertEquals(List.of(0, 1, 2, 3, 4), job.completedSegments());
        assertEquals(5, job.tally().filteredOut());
    }

    @Test
    void aWalkOverlappingACompletedPartChangesNothingSoItsPartsAreWalkedAgain() {
        BatchJob job = RUNNING.withSegments(List.of(0, 1), filtered(2));
        assertSame(job, job.withSegments(List.of(1, 2), filtered(2)), "part 1 would be counted twice");
        assertEquals(2, job.tally().filteredOut());
    }

    private static JobTally filtered(int customers) {
        TallyBuilder tally = new TallyBuilder();
        for (int i = 0; i < customers; i++) {
            tally.filteredOut();
        }
        return tally.build();
    }
}
