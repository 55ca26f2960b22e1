package io.arbiter.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.infinispan.Cache;

import io.quarkus.runtime.StartupEvent;

import io.arbiter.store.CacheDefinition;
import io.arbiter.store.CacheOwner;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/** The decision repository's caches: versions, their files, each set's pointer. */
@ApplicationScoped
public class RepositoryCaches implements CacheOwner {

    public static final String DECISION_VERSIONS = "decision-versions";
    public static final String DECISION_VERSION_FILES = "decision-version-files";
    public static final String DECISION_SETS = "decision-sets";
    public static final String COMPILED_VERSIONS = "compiled-versions";

    /**
     * Versions' metadata kept on heap; the rest are read from the store when asked for. Preloading every version
     * let 70 publications of 8+ MiB fill the heap and keep a restart from ever becoming ready. An entry is a few KB
     * (file names, sizes and digests, a report); at worst, a report of 500 clipped entries, under 1 MB. Listing a set
     * reads each of its versions: 64 hold the versions being worked on, and a listing beyond them reads the store.
     */
    private static final long VERSIONS_IN_MEMORY = 64;
    /**
     * Validated versions' files kept on heap. An entry can be a whole 8 MiB bundle, so few: 4 are 32 MiB at worst
     * (the shipped set is ~80 KB). Reads come one version at a time (a compilation, whose snapshot VersionSnapshots
     * then keeps; the workbench fetching a version's files one request each) or two for a comparison.
     */
    private static final long VERSION_FILES_IN_MEMORY = 4;

    private static final CacheDefinition VERSIONS = new CacheDefinition(DECISION_VERSIONS, VERSIONS_IN_MEMORY,
            Placement.REPLICATED);
    private static final CacheDefinition VERSION_FILES = new CacheDefinition(DECISION_VERSION_FILES,
            VERSION_FILES_IN_MEMORY, Placement.REPLICATED);
    private static final CacheDefinition POINTERS = new CacheDefinition(DECISION_SETS, -1, Placement.REPLICATED);

    private final DurableCaches caches;

    RepositoryCaches(DurableCaches caches) {
        this.caches = caches;
    }

    /** Published decision-set versions' metadata by {@code set/version}; written once, never changed. */
    public Cache<String, StoredVersion> versions() {
        return caches.cache(VERSIONS);
    }

    /** Validated versions' files by {@code set/version}, as their metadata; written once, never changed. */
    public Cache<String, VersionFiles> versionFiles() {
        return caches.cache(VERSION_FILES);
    }

    /** Each decision set's pointer (latest and active version); its events drive every node's active snapshot. */
    public Cache<String, SetPointer> pointers() {
        return caches.cache(POINTERS);
    }

    /** Which node incarnation compiled which version (in memory: a restarted node has compiled nothing yet). */
    public Cache<String, String> compiledVersions() {
        return caches.replicatedMemoryCache(COMPILED_VERSIONS);
    }

    @Override
    public List<CacheDefinition> durableCaches() {
        return List.of(VERSIONS, VERSION_FILES, POINTERS);
    }

    /**
     * The cache without a store, opened at start-up on every node like the durable ones ({@link DurableCaches}): in
     * a cluster a node that joins a cache late is missing from its stable topology.
     */
    void open(@Observes StartupEvent event) {
        compiledVersions();
    }
}
