package io.arbiter.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.store.KeyFiles;

/**
 * Stands in for customer ids in logs: a keyed hash (HMAC-SHA256, truncated), so that log lines about one customer
 * can be correlated without the logs holding the id. The key comes from {@code arbiter.privacy.log-key} or is
 * generated once into the data directory, so the same customer keeps the same token across restarts.
 */
@Singleton
public class LogMask {

    private static final String KEY_FILE = "log-mask.key";

    private final SecretKeySpec key;

    LogMask(ArbiterConfig config) {
        byte[] secret = config.privacy().logKey()
                .map(k -> k.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> KeyFiles.storedKey(config.dataDir().resolve(KEY_FILE), "log mask key"));
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The token that stands for this customer id in logs, e.g. {@code cust:3f9a0c1d22be}. */
    public String customer(String customerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(customerId.getBytes(StandardCharsets.UTF_8));
            return "cust:" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
