package io.arbiter.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;

import org.infinispan.AdvancedCache;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.partitionhandling.PartitionHandling;
import org.infinispan.transaction.LockingMode;
import org.infinispan.transaction.TransactionMode;
import org.infinispan.transaction.lookup.EmbeddedTransactionManagerLookup;

import io.quarkus.runtime.Startup;

/**
 * Mutual exclusion per customer for every read-modify-write of a customer's facts, event log or decision records,
 * so that a batch of customers can be read, changed and written with one bulk write (one RocksDB write batch instead
 * of one write per customer) without losing a concurrent single-customer update.
 * <p>
 * On one node these are striped locks over customer ids, taken in ascending stripe order so two batches never
 * deadlock. In a cluster a node's stripes exclude nothing on another node, so the locks are Infinispan's own: the
 * customer ids are locked in a pessimistic transaction on {@value #CLUSTER_LOCKS}, a distributed cache that never
 * holds an entry. The lock lives on the id's primary owner (with a backup lock on the second owner, so it survives the
 * loss of either), one request per owner for a whole batch, and is released when the work ends or its node leaves.
 * Two batches that overlap and lock in opposite orders wait for the lock timeout and one of them fails.
 */
@ApplicationScoped
@Startup // in a cluster its lock cache is joined at start-up, as every cache (see DurableCaches)
public class CustomerLocks {

    static final String CLUSTER_LOCKS = "customer-locks";
    private static final int STRIPES = 16_384;
    private static final long CLUSTER_LOCK_TIMEOUT_SECONDS = 15;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    /** Null on one node. */
    private final AdvancedCache<String, Boolean> clusterLocks;

    CustomerLocks(DurableCaches caches, ClusterSettings cluster) {
        this.clusterLocks = cluster.enabled() ? lockCache(caches) : null;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    private static AdvancedCache<String, Boolean> lockCache(DurableCaches caches) {
        ConfigurationBuilder builder = new ConfigurationBuilder();
        builder.clustering().cacheMode(CacheMode.DIST_SYNC).hash().numOwners(DurableCaches.OWNERS)
                .partitionHandling().whenSplit(PartitionHandling.DENY_READ_WRITES);
        builder.transaction().transactionMode(TransactionMode.TRANSACTIONAL).lockingMode(LockingMode.PESSIMISTIC)
                .transactionManagerLookup(new EmbeddedTransactionManagerLookup());
        builder.locking().lockAcquisitionTimeout(CLUSTER_LOCK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return caches.<String, Boolean>clusteredCache(CLUSTER_LOCKS, builder.build()).getAdvancedCache();
    }

    public <T> T withLock(String customerId, Supplier<T> work) {
        if (clusterLocks != null) {
            return withClusterLocks(List.of(customerId), work);
        }
        ReentrantLock lock = stripes[stripe(customerId)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public <T> T withLocks(Collection<String> customerIds, Supplier<T> work) {
        if (clusterLocks != null) {
            return withClusterLocks(customerIds, work);
        }
        int[] held = customerIds.stream().mapToInt(CustomerLocks::stripe).distinct().toArray();
        Arrays.sort(held);
        int locked = 0;
        try {
            for (int stripe : held) {
                stripes[stripe].lock();
                locked++;
            }
            return work.get();
        } finally {
            for (int i = locked - 1; i >= 0; i--) {
                stripes[held[i]].unlock();
            }
        }
    }

    /**
     * Locks the ids for the duration of {@code work}. Nested calls on the same thread (a refresh that updates facts)
     * add their ids to the transaction already open, whose locks are re-entrant; the outermost call ends it. Nothing
     * is ever written to the lock cache, so ending the transaction by a rollback only releases the locks.
     */
    private <T> T withClusterLocks(Collection<String> customerIds, Supplier<T> work) {
        TransactionManager transactions = clusterLocks.getTransactionManager();
        try {
            boolean outermost = transactions.getStatus() == Status.STATUS_NO_TRANSACTION;
            if (outermost) {
                transactions.begin();
            }
            try {
                clusterLocks.lock(customerIds);
                return work.get();
            } finally {
                if (outermost) {
                    transactions.rollback();
                }
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the customer locks' transaction failed", e);
        }
    }

    /**
     * The customer's stripe. Batches cut from customers sorted by it, and never within a stripe, hold disjoint
     * stripes, so they run concurrently without waiting on each other's locks.
     */
    public static int stripe(String customerId) {
        return Math.floorMod(customerId.hashCode() * 0x9E3779B9, STRIPES);
    }
}
