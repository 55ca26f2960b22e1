package io.arbiter.batch;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A job as the API shows it: what was asked, where it stands (processed of total, rate, ETA while running), its
 * errors with samples, and the summary of the segments checkpointed so far (all of them once completed).
 * {@code stopping}: the job is cancelled as stored, but its workers on this node are still ending the evaluation
 * each was in (they stop at its next checkpoint); {@code finishedAt} is set again when they have.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(String id, JobStatus status, boolean stopping, String decisionSet, long version, Long compareTo,
                      JobMode mode, JobFilter filter, String trigger, String requestedBy, Instant createdAt,
                      Instant startedAt, Instant finishedAt, long total, long processed, Double ratePerSecond,
                      Long etaSeconds, int segmentsCompleted, Errors errors, Summary summary, String failure) {

    public record Errors(long count, List<String> samples) {
    }

    public record Summary(long decided, long filteredOut, long changed, List<MigrationCell> valueTier,
                          List<MigrationCell> riskGrade, java.util.Map<String, Long> actionsByType) {
    }

    static JobView of(BatchJob job, LiveProgress live) {
        JobTally t = job.tally();
        long checkpointed = t.decided() + t.filteredOut() + t.errors();
        long processed = checkpointed + (live == null ? 0 : live.uncheckpointed.get());
        Double rate = null;
        Long eta = null;
        if (live != null && job.status() == JobStatus.RUNNING) {
            double seconds = (System.nanoTime() - live.startedNanos) / 1e9;
            if (seconds > 0 && live.scanned.get() > 0) {
                rate = Math.round(live.scanned.get() / seconds * 10) / 10.0;
                eta = rate > 0 ? Math.max(0, Math.round((job.total() - processed) / rate)) : null;
            }
        }
        boolean stopping = live != null && job.status() == JobStatus.CANCELLED;
        return new JobView(job.id(), job.status(), stopping, job.decisionSet(), job.version(),
                job.compareTo() == 0 ? null : job.compareTo(), job.mode(), job.filter(), job.trigger(),
                job.requestedBy(), job.createdAt(), job.startedAt(), job.finishedAt(), job.total(), processed, rate,
                eta, job.completedSegments().size(), new Errors(t.errors(), t.errorSamples()),
                new Summary(t.decided(), t.filteredOut(), t.changed(), t.valueTiers(), t.riskGrades(),
                        t.actionsByType()), job.failure());
    }
}
