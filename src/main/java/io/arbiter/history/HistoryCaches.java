package io.arbiter.history;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.store.DurableCaches;

/** Stored decisions: each customer's latest decisions and history, the change feed and its cursor block. */
@ApplicationScoped
public class HistoryCaches {

    public static final String CUSTOMER_DECISIONS = "customer-decisions";
    public static final String DECISION_CHANGES = "decision-changes";
    public static final String DECISION_SEQUENCE = "decision-sequence";

    /** The change feed grows with every change and is read a page at a time: only a bounded part stays on heap. */
    private static final long CHANGES_IN_MEMORY = 20_000;

    private final DurableCaches caches;
    private final ArbiterConfig config;

    HistoryCaches(DurableCaches caches, ArbiterConfig config) {
        this.caches = caches;
        this.config = config;
    }

    /**
     * Each customer's latest decision per set and history of outcome changes, by customer id; kept on heap like
     * the facts (one entry per customer), so a batch job reads them without a store lookup per customer.
     */
    public Cache<String, CustomerDecisionLog> customerDecisions() {
        return caches.cache(CUSTOMER_DECISIONS, config.factsMaxInMemory());
    }

    /** The change feed: outcome changes by cursor. */
    public Cache<String, DecisionChange> decisionChanges() {
        return caches.cache(DECISION_CHANGES, CHANGES_IN_MEMORY);
    }

    /** The change feed's reserved cursor block. */
    public Cache<String, SequenceBlock> decisionSequence() {
        return caches.cache(DECISION_SEQUENCE, -1);
    }
}
