package io.arbiter.history;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.infinispan.Cache;

import io.quarkus.runtime.StartupEvent;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.store.ClusterMembership;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/**
 * Stored decisions: each customer's latest decisions and history, the change feed, its cursor block and its followers'
 * checkpoints.
 */
@ApplicationScoped
public class HistoryCaches {

    public static final String CUSTOMER_DECISIONS = "customer-decisions";
    public static final String DECISION_CHANGES = "decision-changes";
    public static final String DECISION_SEQUENCE = "decision-sequence";
    public static final String FEED_ALLOCATION = "decision-feed-allocation";
    public static final String FEED_CHECKPOINTS = "feed-checkpoints";

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
        return caches.cache(CUSTOMER_DECISIONS, config.factsMaxInMemory(), Placement.PARTITIONED);
    }

    /** The change feed: outcome changes by cursor. */
    public Cache<String, DecisionChange> decisionChanges() {
        return caches.cache(DECISION_CHANGES, CHANGES_IN_MEMORY, Placement.PARTITIONED);
    }

    /** The change feed's reserved cursor block. */
    public Cache<String, SequenceBlock> decisionSequence() {
        return caches.cache(DECISION_SEQUENCE, -1, Placement.REPLICATED);
    }

    /** In a cluster, the cursors handed out and the ranges still being written ({@link FeedAllocation}). */
    public Cache<String, FeedAllocation> feedAllocation() {
        return caches.cache(FEED_ALLOCATION, -1, Placement.REPLICATED);
    }

    /** How far each follower of the feed has handled it, by follower name ({@link FeedFollowers}). */
    public Cache<String, FeedCheckpoint> feedCheckpoints() {
        return caches.cache(FEED_CHECKPOINTS, -1, Placement.REPLICATED);
    }

    /**
     * Opened at start-up on every node, not on first use: in a cluster a node that joins a cache late is missing
     * from its stable topology, and losing another member then looks like a minority partition.
     */
    void open(@Observes StartupEvent event, ClusterMembership cluster) {
        customerDecisions();
        decisionChanges();
        decisionSequence();
        feedCheckpoints();
        if (cluster.view().clustered()) {
            feedAllocation();
        }
    }
}
