package io.arbiter.decisionevents;

import java.util.List;

/** A request that is answered with a {@code DecisionResponseError}; thrown from wherever the reason is found. */
final class RequestFailed extends RuntimeException {

    private final transient ErrorData error;

    RequestFailed(ErrorType type, String details, List<String> messages) {
        super(details, null, false, false);
        this.error = new ErrorData(type, details, messages);
    }

    RequestFailed(ErrorType type, String details) {
        this(type, details, List.of());
    }

    ErrorData error() {
        return error;
    }
}
