package io.arbiter.repository;

import java.time.Instant;

import org.infinispan.protostream.annotations.Proto;

/** One append-only record of who did what to a decision set, and when. */
@Proto
public record AuditEntry(long sequence, Instant at, String actor, String action, String decisionSet, long version,
                         String detail) {
}
