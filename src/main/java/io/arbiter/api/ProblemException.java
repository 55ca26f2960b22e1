package io.arbiter.api;

import java.util.List;

import io.arbiter.input.FieldError;

/** Ends a request with a problem document. Thrown by resources for anything the caller got wrong. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    /** Seconds for a Retry-After header; 0 for none. */
    private final int retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, 0);
    }

    /** A refusal the caller may repeat after {@code retryAfterSeconds} (an overloaded or busy node). */
    public ProblemException(Problem problem, int retryAfterSeconds) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ProblemException invalid(String detail, List<FieldError> errors) {
        return new ProblemException(Problem.invalid(detail, errors));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.notFound(what));
    }

    public static ProblemException tooLarge(long limit) {
        return new ProblemException(Problem.of(413, "body-too-large", "Request body too large",
                "the body exceeds the limit of " + limit + " bytes"));
    }

    /** A publication over the bundle limits (BundleLimits), refused before any of it is read whole or stored. */
    public static ProblemException bundleTooLarge(String title, String detail) {
        return new ProblemException(Problem.of(413, "body-too-large", title, detail));
    }
}
