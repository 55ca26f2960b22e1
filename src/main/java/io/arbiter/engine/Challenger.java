package io.arbiter.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The compiled challenger of a running rollout and how customers are split. A customer's bucket (0-9,999) is a
 * SHA-256 of the rollout id and the customer id, so it is the same on every node and for the whole rollout, and
 * differs between rollouts; a canary sends the buckets below its share to the challenger, so raising the share only
 * moves customers from champion to challenger. The rollout id is a random UUID the repository hands out, which
 * keeps the split unpredictable from customer ids alone.
 */
public record Challenger(String rolloutId, RolloutMode mode, int basisPoints, CompiledDecisionSet set) {

    /** Basis points: the finest share a canary can be given, 0.01%. */
    public static final int ALL = 10_000;

    /** Whether a canary decides this customer with the challenger; never for a shadow rollout. */
    public boolean decides(String customerId) {
        return mode == RolloutMode.CANARY && bucket(rolloutId, customerId) < basisPoints;
    }

    /** The customer's bucket in the rollout, 0 to {@link #ALL} - 1. */
    public static int bucket(String rolloutId, String customerId) {
        byte[] digest = SHA_256.get().digest((rolloutId + '\u0000' + customerId).getBytes(StandardCharsets.UTF_8));
        long high = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (digest[i] & 0xff);
        }
        return (int) Long.remainderUnsigned(high, ALL);
    }

    /** One digest per thread: looking the algorithm up costs more than hashing a short key. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });
}
