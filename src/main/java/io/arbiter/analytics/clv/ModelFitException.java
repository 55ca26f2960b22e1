package io.arbiter.analytics.clv;

/** A maximum-likelihood fit that found no usable optimum for the data it was given. */
public class ModelFitException extends RuntimeException {

    public ModelFitException(String message) {
        super(message);
    }

    public ModelFitException(String message, Throwable cause) {
        super(message, cause);
    }
}
