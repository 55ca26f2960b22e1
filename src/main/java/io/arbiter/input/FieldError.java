package io.arbiter.input;

/** One thing wrong with an input: where (a JSON Pointer such as {@code /consent/marketing}) and what. */
public record FieldError(String pointer, String message) {
}
