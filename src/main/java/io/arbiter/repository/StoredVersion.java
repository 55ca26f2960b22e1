package io.arbiter.repository;

import java.time.Instant;
import java.util.List;

import org.infinispan.protostream.annotations.Proto;

/**
 * One immutable published version of a decision set, as stored: its files' names, sizes and digests, who and when,
 * and its validation. The files' text is stored apart ({@link VersionFiles}), and only for validated versions.
 */
@Proto
public record StoredVersion(
        String decisionSet,
        long version,
        List<StoredFile> files,
        String author,
        Instant createdAt,
        long parentVersion,
        String comment,
        VersionStatus validation,
        List<ReportEntry> report) {

    /** Whether the files' text was stored: only a validated publication's is. */
    public boolean contentKept() {
        return validation == VersionStatus.VALIDATED;
    }

    static String key(String decisionSet, long version) {
        return decisionSet + "/" + version;
    }
}
