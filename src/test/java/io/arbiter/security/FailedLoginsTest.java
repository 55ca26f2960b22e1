package io.arbiter.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final FailedLogins logins = new FailedLogins(3, 5, Duration.ofMinutes(1), clock);

    @Test
    void aClientIsThrottledAtItsLimitUntilItsWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Optional.empty(), logins.throttled("10.0.0.1", "user-" + i), "failure " + i);
            logins.failed("10.0.0.1", "user-" + i);
        }
        clock.now = clock.now.plusSeconds(20);
        assertEquals(Optional.of(Duration.ofSeconds(40)), logins.throttled("10.0.0.1", "someone-else"),
                "every name from this client, until the window that began with its first failure ends");
        assertEquals(Optional.empty(), logins.throttled("10.0.0.2", "someone-else"), "another client is not");
        clock.now = clock.now.plusSeconds(40);
        assertEquals(Optional.empty(), logins.throttled("10.0.0.1", "someone-else"), "a new window");
    }

    @Test
    void aUserNameIsThrottledAtItsLimitFromAnyClient() {
        for (int i = 0; i < 5; i++) {
            logins.failed("10.0.1." + i, "victim");
        }
        assertTrue(logins.throttled("10.0.2.1", "victim").isPresent(), "a guesser spread over clients is stopped");
        assertEquals(Optional.empty(), logins.throttled("10.0.2.1", "other"));
    }

    @Test
    void pastTheTrackedCapExpiredWindowsAreDroppedFirstAndLiveCountsKept() {
        logins.failed("10.0.0.9", "early");
        clock.now = clock.now.plusSeconds(61);
        for (int i = 0; i < 3; i++) {
            logins.failed("10.0.0.8", "late");
        }
        // each failure tracks two keys (client, user name); the last of these reaches the cap once
        for (int i = 0; i < FailedLogins.MAX_TRACKED / 2 - 1; i++) {
            logins.failed("10.1." + (i / 250) + "." + (i % 250), "name-" + i);
        }
        assertEquals(FailedLogins.MAX_TRACKED, logins.tracked(), "the expired pair went, nothing else");
        assertTrue(logins.throttled("10.0.0.8", "x").isPresent(), "the live count survives the clean-up");
    }
}
