package io.arbiter.batch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.infinispan.protostream.annotations.Proto;

/**
 * A batch evaluation job as stored, which is also its checkpoint: the segments of the facts cache it has finished
 * and their merged tally. After a crash the job resumes with the other segments, so no customer is skipped and no
 * segment is counted twice. {@code compareTo} is 0 when the job compares with the stored decisions.
 */
@Proto
public record BatchJob(String id, String decisionSet, long version, long compareTo, JobMode mode, JobFilter filter,
                       String trigger, String requestedBy, JobStatus status, Instant createdAt, Instant startedAt,
                       Instant finishedAt, long total, List<Integer> completedSegments, JobTally tally,
                       String failure) {

    BatchJob withStatus(JobStatus newStatus, Instant at) {
        return new BatchJob(id, decisionSet, version, compareTo, mode, filter, trigger, requestedBy, newStatus,
                createdAt, startedAt, newStatus.finished() ? at : finishedAt, total, completedSegments, tally, failure);
    }

    BatchJob started(Instant at, long customers) {
        return new BatchJob(id, decisionSet, version, compareTo, mode, filter, trigger, requestedBy, JobStatus.RUNNING,
                createdAt, startedAt == null ? at : startedAt, null, total == 0 ? customers : total, completedSegments,
                tally, failure);
    }

    BatchJob failed(String reason, Instant at) {
        return new BatchJob(id, decisionSet, version, compareTo, mode, filter, trigger, requestedBy, JobStatus.FAILED,
                createdAt, startedAt, at, total, completedSegments, tally, reason);
    }

    /**
     * The job with {@code segments}, walked together, complete and their tally counted; unchanged when any of them was
     * complete already (their tally cannot be split, so they are walked again, and a re-walk records nobody twice).
     */
    BatchJob withSegments(List<Integer> segments, JobTally segmentsTally) {
        if (segments.stream().anyMatch(completedSegments::contains)) {
            return this;
        }
        List<Integer> done = new ArrayList<>(completedSegments);
        done.addAll(segments);
        return new BatchJob(id, decisionSet, version, compareTo, mode, filter, trigger, requestedBy, status, createdAt,
                startedAt, finishedAt, total, List.copyOf(done), tally.plus(segmentsTally), failure);
    }
}
