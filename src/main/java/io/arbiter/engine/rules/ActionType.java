package io.arbiter.engine.rules;

/** The kinds of action a rule may recommend. Marketing kinds need the customer's marketing consent. */
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

    public boolean isMarketing() {
        return marketing;
    }
}
