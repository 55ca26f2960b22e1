package io.arbiter.engine.rules;

/**
 * The kinds of action a rule may recommend. RETENTION_OFFER and LOYALTY_REWARD are marketing: the shipped rules make
 * them only with the customer's marketing and profiling consent.
 */
public enum ActionType {
    RETENTION_OFFER,
    LOYALTY_REWARD,
    SERVICE_CALL,
    RISK_REVIEW,
    COLLECTIONS
}
