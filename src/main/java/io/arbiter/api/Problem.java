package io.arbiter.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.arbiter.input.FieldError;

/** An RFC 9457 problem document: what went wrong, and for invalid input, every field that was wrong and how. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem("urn:arbiter:problem:" + slug, title, status, detail, null, List.of());
    }

    /** Input that breaks a rule, with every field found wrong: what the API answers to all invalid input. */
    public static Problem invalid(String detail, List<FieldError> errors) {
        return of(400, "invalid-input", "Invalid input", detail).withErrors(errors);
    }

    public static Problem notFound(String what) {
        return of(404, "not-found", "Not found", what);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
    }

    public Problem at(String path) {
        return new Problem(type, title, status, detail, path, errors);
    }
}
