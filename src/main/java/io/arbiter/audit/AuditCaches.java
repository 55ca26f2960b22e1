package io.arbiter.audit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.store.CacheDefinition;
import io.arbiter.store.CacheOwner;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/** The audit chain's caches: its links, keyed by their position, and the seals on it. */
@ApplicationScoped
public class AuditCaches implements CacheOwner {

    public static final String CHAIN = "audit-chain";
    public static final String CHECKPOINTS = "audit-checkpoints";

    private static final CacheDefinition CHAIN_CACHE = new CacheDefinition(CHAIN, -1, Placement.REPLICATED);
    private static final CacheDefinition CHECKPOINTS_CACHE = new CacheDefinition(CHECKPOINTS, -1,
            Placement.REPLICATED);

    private final DurableCaches caches;

    AuditCaches(DurableCaches caches) {
        this.caches = caches;
    }

    /** Links keyed by {@link #key(long)}, so that two nodes appending at once contend for the same key. */
    public Cache<String, AuditRecord> chain() {
        return caches.cache(CHAIN_CACHE);
    }

    public Cache<String, AuditCheckpoint> checkpoints() {
        return caches.cache(CHECKPOINTS_CACHE);
    }

    /** Zero-padded, so that keys sort as the positions do. */
    static String key(long sequence) {
        return String.format("%019d", sequence);
    }

    @Override
    public List<CacheDefinition> durableCaches() {
        return List.of(CHAIN_CACHE, CHECKPOINTS_CACHE);
    }
}
