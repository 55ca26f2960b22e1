package io.arbiter.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
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
 * A wrong password that is checked pays the full PBKDF2 cost ({@link FailedLogins} decides which are checked).
 * Building it derives no hash: the demo users' hashes are constants and an unknown name's is random
 * ({@link PasswordHasher#unmatchable()}), where five derivations took about a second of every start.
 */
@Startup
@Singleton
public class UserDirectory {

    private static final Logger LOG = Logger.getLogger(UserDirectory.class);
    /**
     * The demo users and the hashes of their documented passwords ({@code <name>-secret}), made once with
     * {@link PasswordHasher}; the passwords are public, so fixed salts give nothing away.
     */
    static final Map<String, String> DEMO_USERS = Map.of(
            "channel", "pbkdf2-sha512$210000$nSaasRTjrih7JVQ59Imf/A$GexYYLofNYSc/0Qkctc1dtb9STjSihKnqrZfg8VAZ/M00jgjx6wVm"
                    + "uU3f+wFHgVq1qft2Z2eQLigAJoSZdLqWA",
            "analyst", "pbkdf2-sha512$210000$vp5aT8dPm/7G63205Bh/0A$kiXRUSnEIoi3yccTHS/0IA1nQtOuns/V3WsNhZrNVPQLuNvTOJ8ZEueCO"
                    + "wXV1hEja6niMUNqUa6W8Jryk6+hcg",
            "approver", "pbkdf2-sha512$210000$6teHkA7aTynsEwpYRNUY5Q$C+YSq3f6/uWbtervn4yecpsNc5Op+DLZxSSyrsmxgA0AjyNzZFOfbNZYr"
                    + "2ITNDBZzJi5MQ0K1kP6ccNcYlckvw",
            "admin", "pbkdf2-sha512$210000$DpIvjN3v+0pd1/PvFDAiRg$lt0F+xs+BU0BE2z9zC8FF66WqDt4cG/bxUEVXihX4a/7YfQOnSYSUDFsk"
                    + "SLw00B7z4//8FvFAIaC/jnfve+naQ");

    record User(String name, String passwordHash, Set<String> roles) {
    }

    private final Map<String, User> users;
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec sessionKey;
    /** What an unknown name's password is checked against: a hash no password matches, at the default cost. */
    private final String unknownUserHash;
    private final PasswordCheck check;
    private final Semaphore checks;
    /** How long a check waits for its turn before the request is refused (429) rather than queued further. */
    private static final Duration CHECK_QUEUE_WAIT = Duration.ofSeconds(2);

    @Inject
    UserDirectory(ArbiterConfig config) {
        this(config.security().users(), config.security().login().concurrentChecks()
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2)));
    }

    UserDirectory(Map<String, ArbiterConfig.User> configured, int concurrentChecks) {
        this(configured, concurrentChecks, PasswordHasher::verify);
    }

    /** The slow comparison of a password with a hash; a parameter so that a test sees what each check is against. */
    interface PasswordCheck {
        boolean matches(char[] password, String hash);
    }

    UserDirectory(Map<String, ArbiterConfig.User> configured, int concurrentChecks, PasswordCheck check) {
        this.check = check;
        if (configured.isEmpty()) {
            LOG.warn("No users are configured (arbiter.security.users): the demo users channel, analyst, approver and "
                    + "admin exist with their documented passwords. Configure users before exposing this service.");
            this.users = DEMO_USERS.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                    e -> new User(e.getKey(), e.getValue(), Set.of(e.getKey()))));
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
        this.unknownUserHash = PasswordHasher.unmatchable();
        this.checks = new Semaphore(concurrentChecks);
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

    /**
     * Runs the full password check (slow); the user's roles when it passes. An unknown name is checked against a
     * hash of the same cost, so that its answer takes as long as a wrong password's and does not tell which names
     * exist. At most {@code concurrent-checks} run at once, so that password checks cannot take every core.
     */
    Optional<Set<String>> verify(String name, char[] password) {
        User user = users.get(name);
        boolean matches;
        try {
            if (!checks.tryAcquire(CHECK_QUEUE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LoginThrottled("too many password checks at once", CHECK_QUEUE_WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoginThrottled("interrupted while waiting to check the password", CHECK_QUEUE_WAIT);
        }
        try {
            matches = check.matches(password, user == null ? unknownUserHash : user.passwordHash()) && user != null;
        } finally {
            checks.release();
        }
        if (!matches) {
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
