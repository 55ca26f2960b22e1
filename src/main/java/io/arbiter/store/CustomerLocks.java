package io.arbiter.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Striped locks over customer ids, so that a batch of customers can be read, changed and written with one bulk write
 * (one RocksDB write batch instead of one write per customer) without losing a concurrent single-customer update:
 * every writer of a customer's facts or event log on this node holds the customer's stripe. Stripes are taken in
 * ascending order, so two batches never deadlock. In a cluster, a customer's events are expected from one feed
 * consumer at a time (a feed partitioned by customer), as with any per-key stream processing.
 */
@ApplicationScoped
public class CustomerLocks {

    private static final int STRIPES = 16_384;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public CustomerLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public <T> T withLock(String customerId, Supplier<T> work) {
        ReentrantLock lock = stripes[stripe(customerId)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public <T> T withLocks(Collection<String> customerIds, Supplier<T> work) {
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
     * The customer's stripe. Batches cut from customers sorted by it, and never within a stripe, hold disjoint
     * stripes, so they run concurrently without waiting on each other's locks.
     */
    public static int stripe(String customerId) {
        return Math.floorMod(customerId.hashCode() * 0x9E3779B9, STRIPES);
    }
}
