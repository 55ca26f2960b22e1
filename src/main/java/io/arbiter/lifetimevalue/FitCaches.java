package io.arbiter.lifetimevalue;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.store.DurableCaches;

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
        return caches.cache(CLV_FITS, -1);
    }

    /** The latest and the current lifetime-value fit. */
    public Cache<String, ModelPointer> pointer() {
        return caches.cache(CLV_POINTER, -1);
    }
}
