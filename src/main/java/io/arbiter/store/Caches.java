package io.arbiter.store;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.infinispan.Cache;
import org.infinispan.commons.api.CacheContainerAdmin;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.persistence.rocksdb.configuration.RocksDBStoreConfigurationBuilder;
import org.rocksdb.RocksDB;

import io.arbiter.analytics.ModelPointer;
import io.arbiter.analytics.StoredFit;
import io.arbiter.batch.BatchJob;
import io.arbiter.config.ArbiterConfig;
import io.arbiter.events.StoredEventLog;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.history.CustomerDecisionLog;
import io.arbiter.history.DecisionChange;
import io.arbiter.history.SequenceBlock;
import io.arbiter.repository.AuditEntry;
import io.arbiter.repository.SetPointer;
import io.arbiter.repository.StoredVersion;
import io.arbiter.repository.VersionFiles;

/**
 * Defines Arbiter's caches on the embedded cache manager. Each cache writes through to a RocksDB store under
 * {@code arbiter.data-dir}: a put returns only once RocksDB has its write-ahead-log record, so a write acknowledged
 * to a caller survives a crash of the process. RocksDB rather than the SoftIndexFileStore because, measured with
 * 1,000,000 customers, it came back from a kill -9 in 11 s against 36-54 s (SIFS rebuilds its index), loaded 1.5x
 * faster and kept half the heap (README, "Storage"). Values are ProtoStream bytes, as a cluster would exchange them.
 */
@ApplicationScoped
public class Caches {

    public static final String CUSTOMER_FACTS = "customer-facts";
    public static final String DECISION_VERSIONS = "decision-versions";
    public static final String DECISION_VERSION_FILES = "decision-version-files";
    public static final String DECISION_SETS = "decision-sets";
    public static final String AUDIT = "audit";
    public static final String CUSTOMER_EVENTS = "customer-events";
    public static final String CLV_FITS = "clv-fits";
    public static final String CLV_POINTER = "clv-pointer";
    public static final String CUSTOMER_DECISIONS = "customer-decisions";
    public static final String DECISION_CHANGES = "decision-changes";
    public static final String DECISION_SEQUENCE = "decision-sequence";
    public static final String BATCH_JOBS = "batch-jobs";

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

    /** The change feed grows with every change and is read a page at a time: only a bounded part stays on heap. */
    private static final long CHANGES_IN_MEMORY = 20_000;

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

    private final EmbeddedCacheManager cacheManager;
    private final ArbiterConfig config;

    Caches(EmbeddedCacheManager cacheManager, ArbiterConfig config) {
        this.cacheManager = cacheManager;
        this.config = config;
    }

    @Produces
    @Singleton
    @CustomerFactsCache
    Cache<String, CustomerFacts> customerFacts() {
        return durableCache(CUSTOMER_FACTS, config.factsMaxInMemory());
    }

    /** Each customer's event log, from which the behavioural facts are derived and the models are fitted. */
    @Produces
    @Singleton
    Cache<String, StoredEventLog> customerEvents() {
        return durableCache(CUSTOMER_EVENTS, config.eventsMaxInMemory());
    }

    /** Published decision-set versions' metadata by {@code set/version}; written once, never changed. */
    public Cache<String, StoredVersion> decisionVersions() {
        return durableCache(DECISION_VERSIONS, VERSIONS_IN_MEMORY);
    }

    /** Validated versions' files by {@code set/version}, as their metadata; written once, never changed. */
    public Cache<String, VersionFiles> decisionVersionFiles() {
        return durableCache(DECISION_VERSION_FILES, VERSION_FILES_IN_MEMORY);
    }

    /** Each decision set's pointer (latest and active version); its events drive every node's active snapshot. */
    public Cache<String, SetPointer> decisionSets() {
        return durableCache(DECISION_SETS, -1);
    }

    /** Lifetime-value model fits by id, each with its parameters once completed. */
    public Cache<String, StoredFit> clvFits() {
        return durableCache(CLV_FITS, -1);
    }

    /** The latest and the current lifetime-value fit. */
    public Cache<String, ModelPointer> clvPointer() {
        return durableCache(CLV_POINTER, -1);
    }

    /** The append-only audit trail of decision-set changes. */
    public Cache<String, AuditEntry> audit() {
        return durableCache(AUDIT, -1);
    }

    /**
     * Each customer's latest decision per set and history of outcome changes, by customer id; kept on heap like
     * the facts (one entry per customer), so a batch job reads them without a store lookup per customer.
     */
    public Cache<String, CustomerDecisionLog> customerDecisions() {
        return durableCache(CUSTOMER_DECISIONS, config.factsMaxInMemory());
    }

    /** The change feed: outcome changes by cursor. */
    public Cache<String, DecisionChange> decisionChanges() {
        return durableCache(DECISION_CHANGES, CHANGES_IN_MEMORY);
    }

    /** The change feed's reserved cursor block. */
    public Cache<String, SequenceBlock> decisionSequence() {
        return durableCache(DECISION_SEQUENCE, -1);
    }

    /** Batch evaluation jobs with their checkpoints: completed segments and their counts. */
    public Cache<String, BatchJob> batchJobs() {
        return durableCache(BATCH_JOBS, -1);
    }

    private <K, V> Cache<K, V> durableCache(String name, long maxInMemory) {
        Path dir = config.dataDir().toAbsolutePath().normalize().resolve(name);
        ConfigurationBuilder builder = new ConfigurationBuilder();
        builder.encoding().mediaType(MediaType.APPLICATION_PROTOSTREAM_TYPE);
        builder.clustering().hash().numSegments(SEGMENTS);
        if (maxInMemory > 0) {
            builder.memory().maxCount(maxInMemory);
        }
        RocksDBStoreConfigurationBuilder store = builder.persistence()
                .passivation(false)
                .addStore(RocksDBStoreConfigurationBuilder.class)
                .location(dir.resolve("data").toString())
                .expiredLocation(dir.resolve("expired").toString());
        store.preload(maxInMemory <= 0).shared(false);
        store.addProperty("database.max_total_wal_size", WAL_LIMIT_BYTES);
        store.addProperty("database.max_open_files", MAX_OPEN_FILES);
        return cacheManager.administration()
                .withFlags(CacheContainerAdmin.AdminFlag.VOLATILE)
                .getOrCreateCache(name, builder.build());
    }
}
