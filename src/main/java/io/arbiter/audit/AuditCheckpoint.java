package io.arbiter.audit;

import java.time.Instant;

import org.infinispan.protostream.annotations.Proto;

/**
 * A seal on the chain up to {@code sequence}: the hash of that link, sealed with an HMAC under a key that the caches
 * do not hold. Whoever can write the caches can rebuild every hash after an edit, but not these seals.
 */
@Proto
public record AuditCheckpoint(long sequence, String hash, Instant at, String seal) {
}
