package io.arbiter.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.infinispan.protostream.annotations.Proto;

/**
 * The mutable head of a decision set: the last version number handed out, the active version (0: none), the
 * versions active before it (most recent last, for rollback), every version ever activated, the running rollout
 * (null: none) and the ones that ended (oldest first, the last {@value #ENDED_ROLLOUTS_KEPT}), when the active version
 * became active, and the drift baseline an analyst pinned (null: the first window after the activation). Changed
 * only by an atomic update on its cache ({@link io.arbiter.store.AtomicUpdates}), whose events make each node swap
 * its compiled snapshot; so a promotion moves the active version and ends the rollout in one write. Pointers stored
 * before rollouts read with no rollout and no activation time.
 */
@Proto
public record SetPointer(String decisionSet, long latestVersion, long activeVersion, List<Long> previousActive,
                         List<Long> everActive, Rollout rollout, List<Rollout> endedRollouts, Instant activatedAt,
                         Instant driftBaseline) {

    static final int ENDED_ROLLOUTS_KEPT = 100;

    static SetPointer first(String decisionSet) {
        return new SetPointer(decisionSet, 0, 0, List.of(), List.of(), null, List.of(), null, null);
    }

    SetPointer nextVersion() {
        return new SetPointer(decisionSet, latestVersion + 1, activeVersion, previousActive, everActive, rollout,
                endedRollouts, activatedAt, driftBaseline);
    }

    SetPointer activate(long version, Instant at) {
        if (version == activeVersion) {
            return this;
        }
        List<Long> previous = new ArrayList<>(previousActive);
        if (activeVersion != 0 && activeVersion != version) {
            previous.add(activeVersion);
        }
        List<Long> ever = new ArrayList<>(everActive);
        if (!ever.contains(version)) {
            ever.add(version);
        }
        return new SetPointer(decisionSet, latestVersion, version, List.copyOf(previous), List.copyOf(ever), rollout,
                endedRollouts, at, null);
    }

    /** Back to the previously active version; the caller checks there is one. */
    SetPointer rollback(Instant at) {
        List<Long> previous = new ArrayList<>(previousActive);
        long back = previous.remove(previous.size() - 1);
        return new SetPointer(decisionSet, latestVersion, back, List.copyOf(previous), everActive, rollout,
                endedRollouts, at, null);
    }

    SetPointer withRollout(Rollout running) {
        return new SetPointer(decisionSet, latestVersion, activeVersion, previousActive, everActive, running,
                endedRollouts, activatedAt, driftBaseline);
    }

    /** The running rollout ended: kept with the ended ones, and no longer splitting customers. */
    SetPointer endRollout(Rollout ended) {
        List<Rollout> past = new ArrayList<>(endedRollouts == null ? List.of() : endedRollouts);
        past.add(ended);
        if (past.size() > ENDED_ROLLOUTS_KEPT) {
            past.subList(0, past.size() - ENDED_ROLLOUTS_KEPT).clear();
        }
        return new SetPointer(decisionSet, latestVersion, activeVersion, previousActive, everActive, null,
                List.copyOf(past), activatedAt, driftBaseline);
    }

    SetPointer withDriftBaseline(Instant baseline) {
        return new SetPointer(decisionSet, latestVersion, activeVersion, previousActive, everActive, rollout,
                endedRollouts, activatedAt, baseline);
    }

    public List<Rollout> pastRollouts() {
        return endedRollouts == null ? List.of() : endedRollouts;
    }

    VersionStatus statusOf(long version, VersionStatus validation) {
        if (version == activeVersion) {
            return VersionStatus.ACTIVE;
        }
        return everActive.contains(version) ? VersionStatus.RETIRED : validation;
    }
}
