package io.arbiter.input;

import java.util.List;

/**
 * Input that breaks a rule: what is wrong, and every field found wrong with its JSON Pointer (none when the fault is
 * not one field's). The API answers it as a 400 {@code invalid-input} problem carrying these errors.
 */
public final class InvalidInputException extends RuntimeException {

    private final transient List<FieldError> errors;

    public InvalidInputException(String detail, List<FieldError> errors) {
        // An answer to the caller, not a fault of the service: no stack trace to fill
        super(detail, null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
