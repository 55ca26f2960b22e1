package io.arbiter.lifetimevalue;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.store.CacheDefinition;
import io.arbiter.store.CacheOwner;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/** The lifetime-value fits and the pointer to the latest and the current one. */
@ApplicationScoped
public class FitCaches implements CacheOwner {

    public static final String CLV_FITS = "clv-fits";
    public static final String CLV_POINTER = "clv-pointer";

    private static final CacheDefinition FITS = new CacheDefinition(CLV_FITS, -1, Placement.REPLICATED);
    private static final CacheDefinition POINTER = new CacheDefinition(CLV_POINTER, -1, Placement.REPLICATED);

    private final DurableCaches caches;

    FitCaches(DurableCaches caches) {
        this.caches = caches;
    }

    /** Lifetime-value model fits by id, each with its parameters once completed. */
    public Cache<String, StoredFit> fits() {
        return caches.cache(FITS);
    }

    /** The latest and the current lifetime-value fit. */
    public Cache<String, ModelPointer> pointer() {
        return caches.cache(POINTER);
    }

    @Override
    public List<CacheDefinition> durableCaches() {
        return List.of(FITS, POINTER);
    }
}
