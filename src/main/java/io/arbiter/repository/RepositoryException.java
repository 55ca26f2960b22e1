package io.arbiter.repository;

/** A repository request that cannot be carried out; {@code kind} says why, for the HTTP edge to translate. */
public class RepositoryException extends RuntimeException {

    public enum Kind { NOT_FOUND, FORBIDDEN, CONFLICT, INVALID }

    private final Kind kind;

    public RepositoryException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
