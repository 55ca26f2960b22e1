package io.arbiter.repository;

/**
 * A CDI event fired on the publishing node once a validated version is stored, for what follows a publication (the
 * impact analysis) without the repository depending on it.
 */
public record VersionValidated(String decisionSet, long version, String author) {
}
