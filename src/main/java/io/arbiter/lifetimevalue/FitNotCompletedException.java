package io.arbiter.lifetimevalue;

/** Only a completed fit has parameters to score customers with; a running or failed one cannot be made current. */
public class FitNotCompletedException extends RuntimeException {

    public FitNotCompletedException(StoredFit fit) {
        super("fit " + fit.id() + " is " + fit.status());
    }
}
