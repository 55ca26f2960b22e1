package io.arbiter.repository;

import java.time.Instant;

import org.infinispan.protostream.annotations.Proto;

import io.arbiter.engine.RolloutMode;

/**
 * A gradual rollout of a challenger version against the active one (the champion): a canary's share of customers in
 * basis points (0 for a shadow rollout), who started it and when, the last change of its share, and how it ended
 * ({@code ending} null while it runs). The id seeds the customers' split, so a new rollout of the same version
 * splits afresh. Held in the set's {@link SetPointer}, so the split and the active version change together.
 */
@Proto
public record Rollout(String id, String mode, long champion, long challenger, int basisPoints, Instant startedAt,
                      String startedBy, Instant updatedAt, String updatedBy, Instant endedAt, String endedBy,
                      String ending) {

    /** How a rollout ended. */
    public static final String PROMOTED = "PROMOTED";
    public static final String ABORTED = "ABORTED";

    public RolloutMode rolloutMode() {
        return RolloutMode.valueOf(mode);
    }

    Rollout ramped(int share, Instant at, String actor) {
        return new Rollout(id, mode, champion, challenger, share, startedAt, startedBy, at, actor, null, null, null);
    }

    Rollout ended(String how, Instant at, String actor) {
        return new Rollout(id, mode, champion, challenger, basisPoints, startedAt, startedBy, updatedAt, updatedBy, at,
                actor, how);
    }
}
