package io.arbiter.decisionevents;

/**
 * Bytes that cannot be answered: none, not JSON, or JSON that does not say it is a {@code DecisionRequest}. The
 * transport passes the record over (logged and counted) instead of answering it.
 */
public final class UnreadableRequestException extends RuntimeException {

    public UnreadableRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
