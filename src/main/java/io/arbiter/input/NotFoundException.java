package io.arbiter.input;

/**
 * The input names something that is not held: a customer, a decision set, a model, a decision service. The API
 * answers it as a 404 {@code not-found} problem with this message as its detail.
 */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        // An answer to the caller, not a fault of the service: no stack trace to fill
        super(what, null, false, false);
    }
}
