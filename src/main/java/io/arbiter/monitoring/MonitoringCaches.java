package io.arbiter.monitoring;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.store.CacheDefinition;
import io.arbiter.store.CacheOwner;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/** The caches of outcome monitoring: each node incarnation's counts per scope, and the drift alerts raised. */
@ApplicationScoped
public class MonitoringCaches implements CacheOwner {

    public static final String OUTCOME_COUNTS = "outcome-counts";
    public static final String DRIFT_ALERTS = "drift-alerts";

    private static final CacheDefinition COUNTS = new CacheDefinition(OUTCOME_COUNTS, -1, Placement.REPLICATED);
    private static final CacheDefinition ALERTS = new CacheDefinition(DRIFT_ALERTS, -1, Placement.REPLICATED);

    private final DurableCaches caches;

    MonitoringCaches(DurableCaches caches) {
        this.caches = caches;
    }

    /**
     * Counts by {@code scope/incarnation}: each node incarnation writes only its own entries, so nodes never contend,
     * and a reader sums them. Small (a few hundred bytes per scope and incarnation) and read by prefix: all on heap.
     */
    public Cache<String, OutcomeCounts> counts() {
        return caches.cache(COUNTS);
    }

    /** Drift alerts by {@code set/window/dimension}, each written once ({@code putIfAbsent}) by whichever node saw it. */
    public Cache<String, DriftAlert> alerts() {
        return caches.cache(ALERTS);
    }

    @Override
    public List<CacheDefinition> durableCaches() {
        return List.of(COUNTS, ALERTS);
    }
}
