package io.arbiter.engine.rules;

/**
 * The kinds of action a rule may recommend. RETENTION_OFFER and LOYALTY_REWARD are marketing: the shipped rules make
 * them only with the customer's marketing and profiling consent.
 */
public enum ActionType {
    RETENTION_OFFER(true),
    LOYALTY_REWARD(true),
    SERVICE_CALL(false),
    RISK_REVIEW(false),
    COLLECTIONS(false);

    private final boolean marketing;

    ActionType(boolean marketing) {
        this.marketing = marketing;
    }

    /** Marketing: withheld from a customer who objects to automated decisions, whatever a rule recommends. */
    public boolean marketing() {
        return marketing;
    }
}
