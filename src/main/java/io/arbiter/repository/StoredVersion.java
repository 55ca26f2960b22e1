package io.arbiter.repository;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.infinispan.protostream.annotations.Proto;

/** One immutable published version of a decision set, as stored: its files, who and when, and its validation. */
@Proto
public record StoredVersion(
        String decisionSet,
        long version,
        Map<String, String> files,
        String author,
        Instant createdAt,
        long parentVersion,
        String comment,
        VersionStatus validation,
        List<ReportEntry> report) {

    static String key(String decisionSet, long version) {
        return decisionSet + "/" + version;
    }
}
