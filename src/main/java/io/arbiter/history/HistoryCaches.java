package io.arbiter.history;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.store.CacheDefinition;
import io.arbiter.store.CacheOwner;
import io.arbiter.store.ClusterSettings;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/**
 * Stored decisions: each customer's latest decisions and history, the change feed, its cursor block and its followers'
 * checkpoints.
 */
@ApplicationScoped
public class HistoryCaches implements CacheOwner {

    public static final String CUSTOMER_DECISIONS = "customer-decisions";
    public static final String DECISION_CHANGES = "decision-changes";
    public static final String DECISION_SEQUENCE = "decision-sequence";
    public static final String FEED_ALLOCATION = "decision-feed-allocation";
    public static final String FEED_CHECKPOINTS = "feed-checkpoints";

    /** The change feed grows with every change and is read a page at a time: only a bounded part stays on heap. */
    private static final long CHANGES_IN_MEMORY = 20_000;

    private static final CacheDefinition CHANGES = new CacheDefinition(DECISION_CHANGES, CHANGES_IN_MEMORY,
            Placement.PARTITIONED);
    private static final CacheDefinition SEQUENCE = new CacheDefinition(DECISION_SEQUENCE, -1, Placement.REPLICATED);
    private static final CacheDefinition ALLOCATION = new CacheDefinition(FEED_ALLOCATION, -1, Placement.REPLICATED);
    private static final CacheDefinition CHECKPOINTS = new CacheDefinition(FEED_CHECKPOINTS, -1, Placement.REPLICATED);

    private final DurableCaches caches;
    private final CacheDefinition decisions;
    private final boolean clustered;

    HistoryCaches(DurableCaches caches, ArbiterConfig config, ClusterSettings cluster) {
        this.caches = caches;
        this.decisions = new CacheDefinition(CUSTOMER_DECISIONS, config.factsMaxInMemory(), Placement.PARTITIONED);
        this.clustered = cluster.enabled();
    }

    /**
     * Each customer's latest decision per set and history of outcome changes, by customer id; kept on heap like
     * the facts (one entry per customer), so a batch job reads them without a store lookup per customer.
     */
    public Cache<String, CustomerDecisionLog> customerDecisions() {
        return caches.cache(decisions);
    }

    /** The change feed: outcome changes by cursor. */
    public Cache<String, DecisionChange> decisionChanges() {
        return caches.cache(CHANGES);
    }

    /** The change feed's reserved cursor block. */
    public Cache<String, SequenceBlock> decisionSequence() {
        return caches.cache(SEQUENCE);
    }

    /** In a cluster, the cursors handed out and the ranges still being written ({@link FeedAllocation}). */
    public Cache<String, FeedAllocation> feedAllocation() {
        return caches.cache(ALLOCATION);
    }

    /** How far each follower of the feed has handled it, by follower name ({@link FeedFollowers}). */
    public Cache<String, FeedCheckpoint> feedCheckpoints() {
        return caches.cache(CHECKPOINTS);
    }

    /** The feed's allocation only in a cluster, where nodes hand out cursors concurrently. */
    @Override
    public List<CacheDefinition> durableCaches() {
        List<CacheDefinition> definitions = new ArrayList<>(List.of(decisions, CHANGES, SEQUENCE, CHECKPOINTS));
        if (clustered) {
            definitions.add(ALLOCATION);
        }
        return definitions;
    }
}
