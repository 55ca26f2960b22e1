package io.arbiter.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.infinispan.Cache;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.Configuration;
import org.infinispan.configuration.cache.StoreConfiguration;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.conflict.MergePolicy;
import org.infinispan.factories.GlobalComponentRegistry;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.partitionhandling.PartitionHandling;
import org.infinispan.persistence.rocksdb.configuration.RocksDBStoreConfigurationBuilder;
import org.rocksdb.RocksDB;

import io.quarkus.runtime.StartupEvent;

/**
 * Makes Arbiter's durable caches on the embedded cache manager; each domain package names and sizes its own. Each
 * cache writes through to a RocksDB store under {@code arbiter.data-dir}: a put returns only once RocksDB has its
 * write-ahead-log record, so a write acknowledged to a caller survives a crash of the process. RocksDB rather than
 * the SoftIndexFileStore because, measured with 1,000,000 customers, it came back from a kill -9 in 11 s against
 * 36-54 s (SIFS rebuilds its index), loaded 1.5x faster and kept half the heap (docs/operations.md, "Storage").
 * Values are ProtoStream bytes, as the cluster exchanges them; each domain registers the schema of its records.
 * <p>
 * In a cluster ({@link ClusterSettings}) each cache is distributed or replicated as its {@link Placement} says, and
 * its store path is relative to Infinispan's global persistent location ({@code arbiter.data-dir}), so each node
 * opens its own. Partitions: a {@link Placement#PARTITIONED} cache denies reads and writes on a side that lost the
 * majority or both owners of a segment, and a {@link Placement#REPLICATED} cache allows reads only there, so a
 * minority never accepts a write that a merge would then lose; on a merge the majority's entries win, removals
 * included. A node joining members that are already running clears its stores first (Infinispan's purge on
 * start-up, applied only to a node whose topology is not restored from a planned shutdown) and is refilled by state
 * transfer, so an entry removed while it was down does not come back; a node that starts alone keeps its store, the
 * only copy there is.
 */
@ApplicationScoped
public class DurableCaches {

    /**
     * RocksDB's write-ahead log otherwise grows until a clean stop (its memtables never fill at this size), and
     * the restart after a crash replays all of it; 64 MiB bounds that replay.
     */
    private static final String WAL_LIMIT_BYTES = Long.toString(64L * 1024 * 1024);

    /**
     * The store keeps one RocksDB column family per segment, and every write-ahead-log rotation flushes each of
     * them into a file of its own: with Infinispan's default 256 segments a 1M-customer import opened ~20,000 files.
     * 32 segments still let a batch job iterate in parallel.
     */
    private static final int SEGMENTS = 32;

    /** Bounds the files RocksDB holds open; beyond it, its table cache closes the least recently used. */
    private static final String MAX_OPEN_FILES = "1024";

    static {
        // The store's "database.*" options call into the native library before the store loads it itself.
        RocksDB.loadLibrary();
    }

    /** Copies of each entry of a {@link Placement#PARTITIONED} cache: one node may be lost at any moment. */
    static final int OWNERS = 2;

    /**
     * The priority of the start-up observer that opens the caches: before every observer that uses them (those of
     * the default priority), after one that starts work needing no cache so that it runs meanwhile.
     */
    public static final int OPENING = Interceptor.Priority.PLATFORM_BEFORE + 100;

    private final EmbeddedCacheManager cacheManager;
    private final Path dataDir;
    private final boolean clustered;
    private final Duration restoreTimeout;

    DurableCaches(EmbeddedCacheManager cacheManager, @ConfigProperty(name = "arbiter.data-dir") Path dataDir,
                  ClusterSettings cluster) {
        this.cacheManager = cacheManager;
        this.dataDir = dataDir;
        this.clustered = cluster.enabled();
        this.restoreTimeout = cluster.restoreTimeout();
    }

    /**
     * Opens every domain's durable caches before the other start-up observers use them, all at once: opening a
     * RocksDB store mostly waits on the disk (it syncs each file it creates, one column family per segment), so the
     * 17 stores took ~7 s one after another and ~1 s together. At start-up and not on first use, so that in a cluster
     * a node is in every cache's topology from the start: a node that joins a cache late is missing from its stable
     * topology, and losing another member then looks like a minority partition.
     */
    void openAll(@Observes @Priority(OPENING) StartupEvent event, Instance<CacheOwner> owners) {
        open(owners.stream().flatMap(owner -> owner.durableCaches().stream()).toList());
    }

    /** Opens the caches in parallel and returns once every one is running (in a cluster, once each is stable). */
    void open(List<CacheDefinition> definitions) {
        definitions.forEach(this::define);
        cacheManager.startCaches(definitions.stream().map(CacheDefinition::name).toArray(String[]::new));
        if (clustered) {
            definitions.forEach(definition -> stable(definition.name()));
        }
    }

    /**
     * The durable cache {@code definition} names (opened at start-up when its domain declares it, else now): on one
     * node at most {@code maxInMemory} entries on heap (the rest read from RocksDB when asked for), or, when
     * {@code maxInMemory <= 0}, every entry on heap, preloaded at start. In a cluster every entry is on heap once read
     * or written, and loaded on first read (a preloaded store cannot be cleared on a rejoin).
     */
    public <K, V> Cache<K, V> cache(CacheDefinition definition) {
        define(definition);
        return clustered ? stable(definition.name()) : cacheManager.getCache(definition.name());
    }

    private synchronized void define(CacheDefinition definition) {
        if (cacheManager.getCacheConfiguration(definition.name()) == null) {
            cacheManager.defineConfiguration(definition.name(), configuration(definition));
        }
    }

    private Configuration configuration(CacheDefinition definition) {
        String name = definition.name();
        long maxInMemory = definition.maxInMemory();
        ConfigurationBuilder builder = new ConfigurationBuilder();
        builder.encoding().mediaType(MediaType.APPLICATION_PROTOSTREAM_TYPE);
        builder.clustering().hash().numSegments(SEGMENTS);
        // In a cluster every entry stays on heap: Infinispan's RocksDB store ignores a write to a segment it has not
        // opened yet, so during a rebalance an entry can reach an owner's heap but not its store, and evicting it
        // would lose that owner's copy (ClusterIT found feed items missing this way).
        if (maxInMemory > 0 && !clustered) {
            builder.memory().maxCount(maxInMemory);
        }
        Path dir = clustered ? Path.of(name) : dataDir.toAbsolutePath().normalize().resolve(name);
        RocksDBStoreConfigurationBuilder store = builder.persistence()
                .passivation(false)
                .addStore(RocksDBStoreConfigurationBuilder.class)
                .location(dir.resolve("data").toString())
                .expiredLocation(dir.resolve("expired").toString());
        store.shared(false);
        store.addProperty("database.max_total_wal_size", WAL_LIMIT_BYTES);
        store.addProperty("database.max_open_files", MAX_OPEN_FILES);
        if (!clustered) {
            store.preload(maxInMemory <= 0);
            return builder.build();
        }
        store.purgeOnStartup(joiningRunningMembers());
        if (definition.placement() == Placement.PARTITIONED) {
            builder.clustering().cacheMode(CacheMode.DIST_SYNC).hash().numOwners(OWNERS)
                    .partitionHandling().whenSplit(PartitionHandling.DENY_READ_WRITES);
        } else {
            builder.clustering().cacheMode(CacheMode.REPL_SYNC)
                    .partitionHandling().whenSplit(PartitionHandling.ALLOW_READS);
        }
        builder.clustering().partitionHandling().mergePolicy(MergePolicy.PREFERRED_ALWAYS);
        return builder.build();
    }

    /**
     * True when every entry of {@code cache} is on the heap because its store was preloaded (one node, no bound on
     * its entries), so a read may skip the store. In a cluster nothing is preloaded: after a restart an entry may be
     * in the store alone.
     */
    public static boolean preloaded(Cache<?, ?> cache) {
        return cache.getCacheConfiguration().persistence().stores().stream().anyMatch(StoreConfiguration::preload);
    }

    /**
     * A cache without a store, for what a node's lifetime bounds (which versions it has compiled): local on one node,
     * replicated in a cluster.
     */
    public synchronized <K, V> Cache<K, V> replicatedMemoryCache(String name) {
        ConfigurationBuilder builder = new ConfigurationBuilder();
        builder.encoding().mediaType(MediaType.APPLICATION_PROTOSTREAM_TYPE);
        if (!clustered) {
            if (cacheManager.getCacheConfiguration(name) == null) {
                cacheManager.defineConfiguration(name, builder.build());
            }
            return cacheManager.getCache(name);
        }
        builder.clustering().cacheMode(CacheMode.REPL_SYNC).partitionHandling()
                .whenSplit(PartitionHandling.ALLOW_READS)
                .mergePolicy(MergePolicy.PREFERRED_ALWAYS);
        return clusteredCache(name, builder.build());
    }

    /**
     * The clustered cache {@code name}, defined on this node only (a store path is this node's) unless it already
     * is (a domain may ask for its cache more than once), once its topology is stable.
     */
    synchronized <K, V> Cache<K, V> clusteredCache(String name, Configuration configuration) {
        if (cacheManager.getCacheConfiguration(name) == null) {
            cacheManager.defineConfiguration(name, configuration);
        }
        return stable(name);
    }

    /**
     * The running cache {@code name} once its topology is stable. After a planned stop of the whole cluster a
     * cache restores the topology it had, and until every member of it is back each operation on it fails
     * ({@code MissingMembersException}); the domains read their caches as they open them, so the node waits here.
     * Every node opens its caches at once, so the members meet on each cache while they wait for the others.
     */
    private <K, V> Cache<K, V> stable(String name) {
        Cache<K, V> cache = cacheManager.getCache(name);
        CompletionStage<Void> stable = GlobalComponentRegistry.of(cacheManager).getLocalTopologyManager()
                .stableTopologyCompletion(name);
        if (stable != null) {
            try {
                stable.toCompletableFuture().get(restoreTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new IllegalStateException("cache " + name + " waits for the members of the planned stop that"
                        + " are not back after " + restoreTimeout + " (arbiter.cluster.restore-timeout): start them",
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while cache " + name + " waited for its members", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("cache " + name + " did not restore its topology", e.getCause());
            }
        }
        return cache;
    }

    /** Other members are up: this node's stores are older than theirs and are refilled from them. */
    private boolean joiningRunningMembers() {
        return cacheManager.getMembers() != null && cacheManager.getMembers().size() > 1;
    }
}
