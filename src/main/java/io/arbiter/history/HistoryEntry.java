package io.arbiter.history;

import java.time.Instant;

import org.infinispan.protostream.annotations.Proto;

/**
 * One change of a customer's outcome with one decision set; {@code before} is null for the first decision. The
 * cursor is the entry's position in the change feed. {@code jobId} (null when synchronous) lets a re-processed
 * batch segment replace its own entry instead of adding a second one. {@code hash} links the entry to the one before
 * it in the customer's history ({@link HistoryChain}); null for entries stored before histories were chained.
 * {@code arm}: the side of a running rollout that decided ({@code champion}, {@code challenger}; null: none ran).
 */
@Proto
public record HistoryEntry(long cursor, String decisionSet, long version, DecisionOutcome before, DecisionOutcome after, Instant at,
                           String jobId, String hash, String arm) {

    HistoryEntry withHash(String linked) {
        return new HistoryEntry(cursor, decisionSet, version, before, after, at, jobId, linked, arm);
    }
}
