package io.arbiter.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.arbiter.config.ArbiterConfig;
import io.quarkus.runtime.Startup;

/**
 * The users of HTTP Basic authentication, from {@code arbiter.security.users}, with PBKDF2-hashed passwords.
 * While none are configured, the demo users exist and a warning says so.
 * <p>
 * PBKDF2 is slow on purpose, too slow to run on every request; after one successful check a keyed digest of the
 * credentials (HMAC with a key that lives only in this process) is remembered, so later requests cost one HMAC.
 * A wrong password always pays the full PBKDF2 cost. Built at start-up, so hashing the demo users never lands on
 * a request thread.
 */
@Startup
@Singleton
public class UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class);
    static final Map<String, String> DEMO_USERS = Map.of(
            "channel", "channel-secret", "analyst", "analyst-secret",
            "approver", "approver-secret", "admin", "admin-secret");

    record User(String name, String passwordHash, Set<String> roles) {
    }

    private final Map<String, User> users;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec sessionKey;

    UserDirectory(ArbiterConfig config) {
        Map<String, ArbiterConfig.User> configured = config.security().users();
        if (configured.isEmpty()) {
            LOG.warn("No users are configured (arbiter.security.users): the demo users channel, analyst, approver and "
                    + "admin exist with their documented passwords. Configure users before exposing this service.");
            this.users = DEMO_USERS.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                    e -> new User(e.getKey(), PasswordHasher.hash(e.getValue().toCharArray()), Set.of(e.getKey()))));
        } else {
            configured.forEach((name, user) -> {
                if (!PasswordHasher.wellFormed(user.passwordHash())) {
                    throw new IllegalStateException("arbiter.security.users." + name
                            + ".password-hash is not a hash made by io.arbiter.security.PasswordHasher");
                }
            });
            this.users = configured.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                    e -> new User(e.getKey(), e.getValue().passwordHash(), Set.copyOf(e.getValue().roles()))));
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.sessionKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The user's roles when the credentials were verified before in this process; empty when unknown. */
    Optional<Set<String>> recentlyVerified(String name, char[] password) {
        byte[] expected = verified.get(name);
        User user = users.get(name);
        if (expected == null || user == null) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(expected, digest(name, password)) ? Optional.of(user.roles()) : Optional.empty();
    }

    /** Runs the full password check (slow); the user's roles when it passes. */
    Optional<Set<String>> verify(String name, char[] password) {
        User user = users.get(name);
        if (user == null || !PasswordHasher.verify(password, user.passwordHash())) {
            return Optional.empty();
        }
        verified.put(name, digest(name, password));
        return Optional.of(user.roles());
    }

    private byte[] digest(String name, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(sessionKey);
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(new String(password).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
