package io.arbiter.decisionevents;

/**
 * Why a request got a {@code DecisionResponseError}. The first two are Kogito's ({@code DecisionResponseError} in
 * 1.x); the others are Arbiter's, so that a failed evaluation is never answered with a context of nulls.
 */
public enum ErrorType {
    /** The request lacks the model's name or namespace or its data, or the data do not fit the model's inputs. */
    BAD_REQUEST,
    /** No active decision set has a model of that name and namespace. */
    MODEL_NOT_FOUND,
    /** The model has no decision or decision service named by {@code kogitodmnevaldecision}. */
    DECISION_NOT_FOUND,
    /** A decision failed, or the evaluation ran out of its time budget. */
    EVALUATION_FAILED
}
