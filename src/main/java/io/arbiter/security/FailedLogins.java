package io.arbiter.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.arbiter.config.ArbiterConfig;

/**
 * Failed password checks in the current window, per client address and per user name. A client or a name over its
 * limit is refused before the password is checked: each failed check costs a full PBKDF2 derivation (about 180 ms
 * of a core), so unthrottled wrong passwords were a lever on every other request's latency, and a way to guess.
 * <p>
 * Counted on each node, not in the cluster's caches: what the limit protects is this node's CPU, and a guesser
 * spread over N nodes gets at most N times the limit, which the per-user limit still keeps far below what guessing
 * a PBKDF2-protected password needs. A correct password a node has already verified is not throttled (it costs one
 * HMAC), so a throttled name locks out only new sessions until its window ends.
 */
@Singleton
public class FailedLogins {

    private static final Logger LOG = Logger.getLogger(FailedLogins.class);
    /** Keys tracked at most; past this, expired windows are dropped, and if none have, every count starts over. */
    static final int MAX_TRACKED = 100_000;

    private record Window(long startMillis, int failures) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int perClient;
    private final int perUser;
    private final long windowMillis;

    @Inject
    FailedLogins(ArbiterConfig config, Clock clock) {
        this(config.security().login().maxFailuresPerClient(), config.security().login().maxFailuresPerUser(),
                config.security().login().window(), clock);
    }

    FailedLogins(int perClient, int perUser, Duration window, Clock clock) {
        this.perClient = perClient;
        this.perUser = perUser;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** How long until the client, or the user name, may try again; empty while both are under their limits. */
    public Optional<Duration> throttled(String client, String user) {
        long now = clock.millis();
        long wait = Math.max(waitFor(clientKey(client), perClient, now), waitFor(userKey(user), perUser, now));
        return wait > 0 ? Optional.of(Duration.ofMillis(wait)) : Optional.empty();
    }

    /** Counts one failed check against the client and the user name. */
    public void failed(String client, String user) {
        long now = clock.millis();
        if (windows.size() >= MAX_TRACKED) {
            windows.values().removeIf(window -> now - window.startMillis() >= windowMillis);
            if (windows.size() >= MAX_TRACKED) {
                LOG.warnf("over %d clients and user names failed to log in within %d s: the counts start over",
                        MAX_TRACKED, windowMillis / 1000);
                windows.clear();
            }
        }
        count(clientKey(client), now);
        count(userKey(user), now);
    }

    /** How many clients and user names are tracked now. */
    int tracked() {
        return windows.size();
    }

    private void count(String key, long now) {
        windows.compute(key, (k, window) -> window == null || now - window.startMillis() >= windowMillis
                ? new Window(now, 1) : new Window(window.startMillis(), window.failures() + 1));
    }

    private long waitFor(String key, int limit, long now) {
        Window window = windows.get(key);
        if (window == null || window.failures() < limit || now - window.startMillis() >= windowMillis) {
            return 0;
        }
        return window.startMillis() + windowMillis - now;
    }

    private static String clientKey(String client) {
        return "client\u0000" + client;
    }

    private static String userKey(String user) {
        return "user\u0000" + user;
    }
}
