package io.arbiter.batch;

/** A request for a job, checked: the set and version(s) exist and may decide. {@code compareTo} 0: none. */
public record JobRequest(String decisionSet, long version, long compareTo, JobMode mode, JobFilter filter) {
}
