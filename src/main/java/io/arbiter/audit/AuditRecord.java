package io.arbiter.audit;

import java.time.Instant;

import org.infinispan.protostream.annotations.Proto;

/**
 * One link of the audit chain: who did what, and when, with the hash of the link before it and its own hash over
 * all of it ({@link ChainHash}). {@code decisionSet} is empty for actions on no decision set (an erasure, a stop of
 * the cluster); {@code detail} never holds a customer id in clear, only its pseudonym.
 */
@Proto
public record AuditRecord(long sequence, Instant at, String actor, String action, String decisionSet, long version,
                          String detail, String previousHash, String hash) {
}
