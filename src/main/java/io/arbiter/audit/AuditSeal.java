package io.arbiter.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.store.ClusterSettings;
import io.arbiter.store.KeyFiles;

/**
 * Seals checkpoints of the audit chain with HMAC-SHA256 under {@code arbiter.audit.seal-key} (Base64; every node of
 * a cluster needs the same one), or on one node a key generated once into the data directory.
 */
@Singleton
public class AuditSeal {

    private static final String KEY_FILE = "audit-seal.key";
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;
    /**
     * One initialised Mac per thread, reused (doFinal resets it): looking the algorithm up and initialising it for
     * every link took nearly a third of linking a batch's history entries.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    @Inject
    AuditSeal(ArbiterConfig config, ClusterSettings cluster) {
        this(configuredKey(config, cluster));
    }

    AuditSeal(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    private static byte[] configuredKey(ArbiterConfig config, ClusterSettings cluster) {
        if (config.audit().sealKey().isEmpty()) {
            if (cluster.enabled()) {
                throw new IllegalStateException("arbiter.audit.seal-key is required in a cluster: every node must seal"
                        + " and verify the audit chain with the same key (openssl rand -base64 32)");
            }
            return KeyFiles.storedKey(config.dataDir().resolve(KEY_FILE), "audit seal key");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(config.audit().sealKey().get().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("arbiter.audit.seal-key is not Base64", e);
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("arbiter.audit.seal-key has " + key.length + " bytes; at least "
                    + MIN_KEY_BYTES + " are required");
        }
        return key;
    }

    String seal(long sequence, String hash) {
        return mac(sequence + ":" + hash);
    }

    /**
     * HMAC-SHA256 of {@code text} under the seal key, in hex: the links of a chain that must not be rebuilt by whoever
     * can write the caches (each customer's decision history).
     */
    public String mac(String text) {
        return HexFormat.of().formatHex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    boolean holds(AuditCheckpoint checkpoint) {
        return MessageDigest.isEqual(seal(checkpoint.sequence(), checkpoint.hash()).getBytes(StandardCharsets.UTF_8),
                checkpoint.seal().getBytes(StandardCharsets.UTF_8));
    }
}
