package io.arbiter.security;

import java.time.Duration;

/** Credentials refused unchecked: too many failures from the client or for the user, or too many checks at once. */
public class LoginThrottled extends RuntimeException {

    private final Duration retryAfter;

    public LoginThrottled(String reason, Duration retryAfter) {
        super(reason);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
