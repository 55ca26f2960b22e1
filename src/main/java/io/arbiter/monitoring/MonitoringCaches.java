package io.arbiter.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.infinispan.Cache;

import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;
import io.quarkus.runtime.StartupEvent;

/** The caches of outcome monitoring: each node incarnation's counts per scope, and the drift alerts raised. */
@ApplicationScoped
public class MonitoringCaches {

    public static final String OUTCOME_COUNTS = "outcome-counts";
    public static final String DRIFT_ALERTS = "drift-alerts";

    private final DurableCaches caches;

    MonitoringCaches(DurableCaches caches) {
        this.caches = caches;
    }

    /**
     * Counts by {@code scope/incarnation}: each node incarnation writes only its own entries, so nodes never contend,
     * and a reader sums them. Small (a few hundred bytes per scope and incarnation) and read by prefix: all on heap.
     */
    public Cache<String, OutcomeCounts> counts() {
        return caches.cache(OUTCOME_COUNTS, -1, Placement.REPLICATED);
    }

    /** Drift alerts by {@code set/window/dimension}, each written once ({@code putIfAbsent}) by whichever node saw it. */
    public Cache<String, DriftAlert> alerts() {
        return caches.cache(DRIFT_ALERTS, -1, Placement.REPLICATED);
    }

    /** Opened at start-up on every node (see {@code RepositoryCaches#open}). */
    void open(@Observes StartupEvent event) {
        counts();
        alerts();
    }
}
