package io.arbiter.engine;

import java.time.Duration;

/**
 * An evaluation stopped at a checkpoint because its {@link EvaluationBudget} ran out or it was cancelled. Not a
 * {@link DecisionEvaluationException}: callers that count a customer's failure and go on must not count this one,
 * since a version that exhausts its budget on one customer will likely do so on every customer.
 */
public class EvaluationBudgetExceededException extends RuntimeException {

    /** Which limit stopped the evaluation. */
    public enum Reason {
        /** The budget of one decision (one customer, one scenario case, one request). */
        PER_DECISION("per decision"),
        /** The budget of a whole run of many decisions (a scenario run, an impact analysis). */
        IN_ALL("in all"),
        /** Whoever asked for the evaluation no longer wants it (a cancelled job, an interrupted thread). */
        CANCELLED("cancelled");

        private final String words;

        Reason(String words) {
            this.words = words;
        }
    }

    private final Reason reason;
    private final Duration budget;

    EvaluationBudgetExceededException(Reason reason, Duration budget) {
        super(reason == Reason.CANCELLED ? "the evaluation was cancelled"
                : "the evaluation exceeded its time budget of " + describe(budget) + " " + reason.words);
        this.reason = reason;
        this.budget = budget;
    }

    public Reason reason() {
        return reason;
    }

    /** The size of the budget that ran out; null when the evaluation was cancelled. */
    public Duration budget() {
        return budget;
    }

    /** A budget as people write it: 250 ms, 2 s, 1500 ms, 15 min. */
    static String describe(Duration budget) {
        long millis = budget.toMillis();
        if (millis >= 60_000 && millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        if (millis >= 1_000 && millis % 1_000 == 0) {
            return millis / 1_000 + " s";
        }
        return millis + " ms";
    }
}
