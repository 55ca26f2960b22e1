package io.arbiter.repository;

import java.util.ArrayList;
import java.util.List;

import org.infinispan.protostream.annotations.Proto;

/**
 * The mutable head of a decision set: the last version number handed out, the active version (0: none), the
 * versions active before it (most recent last, for rollback) and every version ever activated. Changed only by
 * an atomic update on its cache ({@link io.arbiter.store.AtomicUpdates}), whose events make each node swap its compiled snapshot.
 */
@Proto
public record SetPointer(String decisionSet, long latestVersion, long activeVersion, List<Long> previousActive,
                         List<Long> everActive) {

    static SetPointer first(String decisionSet) {
        return new SetPointer(decisionSet, 0, 0, List.of(), List.of());
    }

    SetPointer nextVersion() {
        return new SetPointer(decisionSet, latestVersion + 1, activeVersion, previousActive, everActive);
    }

    SetPointer activate(long version) {
        List<Long> previous = new ArrayList<>(previousActive);
        if (activeVersion != 0 && activeVersion != version) {
            previous.add(activeVersion);
        }
        List<Long> ever = new ArrayList<>(everActive);
        if (!ever.contains(version)) {
            ever.add(version);
        }
        return new SetPointer(decisionSet, latestVersion, version, List.copyOf(previous), List.copyOf(ever));
    }

    /** Back to the previously active version; the caller checks there is one. */
    SetPointer rollback() {
        List<Long> previous = new ArrayList<>(previousActive);
        long back = previous.remove(previous.size() - 1);
        return new SetPointer(decisionSet, latestVersion, back, List.copyOf(previous), everActive);
    }

    VersionStatus statusOf(long version, VersionStatus validation) {
        if (version == activeVersion) {
            return VersionStatus.ACTIVE;
        }
        return everActive.contains(version) ? VersionStatus.RETIRED : validation;
    }
}
