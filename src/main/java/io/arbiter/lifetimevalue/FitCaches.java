package io.arbiter.lifetimevalue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.infinispan.Cache;

import io.quarkus.runtime.StartupEvent;

import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/** The lifetime-value fits and the pointer to the latest and the current one. */
@ApplicationScoped
public class FitCaches {

    public static final String CLV_FITS = "clv-fits";
    public static final String CLV_POINTER = "clv-pointer";

    private final DurableCaches caches;

    FitCaches(DurableCaches caches) {
        this.caches = caches;
    }

    /** Lifetime-value model fits by id, each with its parameters once completed. */
    public Cache<String, StoredFit> fits() {
        return caches.cache(CLV_FITS, -1, Placement.REPLICATED);
    }

    /** The latest and the current lifetime-value fit. */
    public Cache<String, ModelPointer> pointer() {
        return caches.cache(CLV_POINTER, -1, Placement.REPLICATED);
    }

    /**
     * Opened at start-up on every node, not on first use: in a cluster a node that joins a cache late is missing
     * from its stable topology, and losing another member then looks like a minority partition.
     */
    void open(@Observes StartupEvent event) {
        fits();
        pointer();
    }
}
