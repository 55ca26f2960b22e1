package io.arbiter.api;

import java.util.List;

import io.arbiter.input.FieldError;

/** Ends a request with a problem document. Thrown by resources for anything the caller got wrong. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
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
