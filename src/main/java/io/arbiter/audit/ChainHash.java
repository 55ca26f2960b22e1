package io.arbiter.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash of an audit link: SHA-256 over its fields and the previous link's hash, each field length-prefixed so
 * that no two different links encode alike (moving text from {@code actor} to {@code action} changes the hash).
 */
final class ChainHash {

    /** What the first link names as its predecessor. */
    static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    static String of(long sequence, Instant at, String actor, String action, String decisionSet, long version,
                     String detail, String previousHash) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
        sha256.update(ByteBuffer.allocate(Long.BYTES * 3 + Integer.BYTES).putLong(sequence)
                .putLong(at.getEpochSecond()).putInt(at.getNano()).putLong(version).array());
        for (String field : new String[] {actor, action, decisionSet, detail, previousHash}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            sha256.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            sha256.update(bytes);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    static String of(AuditRecord record) {
        return of(record.sequence(), record.at(), record.actor(), record.action(), record.decisionSet(),
                record.version(), record.detail(), record.previousHash());
    }
}
