package io.arbiter.history;

import java.time.Instant;

import org.infinispan.protostream.annotations.Proto;

/**
 * One item of the change feed: a customer's outcome changed from {@code before} (null: first decision) to
 * {@code after}, decided by {@code version} on a rollout's {@code arm} (null: no rollout ran).
 */
@Proto
public record DecisionChange(long cursor, String customerId, String decisionSet, long version, DecisionOutcome before,
                             DecisionOutcome after, Instant at, String arm) {
}
