package io.arbiter.decisionevents;

/**
 * Bytes that cannot be answered: not JSON, or JSON that does not say it is a {@code DecisionRequest}. The transport
 * routes the record away (a dead-letter topic) instead of answering it.
 */
public final class UnreadableRequestException extends RuntimeException {

    public UnreadableRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
