package io.arbiter.history;

import java.time.Instant;

import org.infinispan.protostream.annotations.Proto;

/**
 * A customer's most recent stored decision with one decision set: the outcome, the version that decided it, when,
 * on which version of the facts, the batch job that decided it (null for a synchronous evaluation), and the arm of a
 * running rollout that decided it (null: none ran).
 */
@Proto
public record LatestDecision(String decisionSet, long version, DecisionOutcome outcome, Instant decidedAt, long factsVersion,
                             String jobId, String arm) {
}
