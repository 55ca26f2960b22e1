package io.arbiter.api;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.jboss.logging.Logger;

import io.arbiter.config.ArbiterConfig;

/**
 * The pace every request body is held to ({@link PacedBody}), and what a body that could not be read is answered
 * with: 408 when the client was too slow or stalled (Vert.x has then closed the connection), 400 otherwise. Either
 * is logged, since a client cut off mid-body has no other trace.
 */
record BodyPace(long minBytesPerSecond, Duration grace) {

    private static final Logger LOG = Logger.getLogger(BodyPace.class);
    /** What Vert.x's blocking input says when {@code quarkus.http.read-timeout} passes without a byte. */
    private static final String VERTX_READ_TIMEOUT = "Read timed out";

    static BodyPace of(ArbiterConfig config) {
        return new BodyPace(config.minBodyRate(), config.bodyGrace());
    }

    InputStream applyTo(InputStream body) {
        return new PacedBody(body, minBytesPerSecond, grace, System::nanoTime);
    }

    static Problem problem(IOException e) {
        if (e instanceof PacedBody.TooSlow || VERTX_READ_TIMEOUT.equals(e.getMessage())) {
            LOG.warnf("a request body was cut: %s", e.getMessage());
            return Problem.of(408, "request-timeout", "Request Timeout", "the body was cut: " + e.getMessage());
        }
        LOG.warnf("a request body could not be read: %s", e.toString());
        return Problem.of(400, "unreadable-body", "Unreadable body", String.valueOf(e.getMessage()));
    }
}
