package io.arbiter.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.infinispan.Cache;

import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;
import io.quarkus.runtime.StartupEvent;

/** The audit chain's caches: its links, keyed by their position, and the seals on it. */
@ApplicationScoped
public class AuditCaches {

    public static final String CHAIN = "audit-chain";
    public static final String CHECKPOINTS = "audit-checkpoints";

    private final DurableCaches caches;

    AuditCaches(DurableCaches caches) {
        this.caches = caches;
    }

    /** Links keyed by {@link #key(long)}, so that two nodes appending at once contend for the same key. */
    public Cache<String, AuditRecord> chain() {
        return caches.cache(CHAIN, -1, Placement.REPLICATED);
    }

    public Cache<String, AuditCheckpoint> checkpoints() {
        return caches.cache(CHECKPOINTS, -1, Placement.REPLICATED);
    }

    /** Zero-padded, so that keys sort as the positions do. */
    static String key(long sequence) {
        return String.format("%019d", sequence);
    }

    /** Opened at start-up on every node, as the other replicated caches are (see RepositoryCaches). */
    void open(@Observes StartupEvent event) {
        chain();
        checkpoints();
    }
}
