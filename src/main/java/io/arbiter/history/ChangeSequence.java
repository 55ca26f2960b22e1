package io.arbiter.history;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.infinispan.Cache;

import io.arbiter.store.AtomicUpdates;
import io.arbiter.store.ClusterChange;
import io.arbiter.store.ClusterMembership;
import io.quarkus.runtime.StartupEvent;

/**
 * Hands out change-feed cursors, strictly increasing, also across restarts, and tells readers how far every cursor
 * is written, so a reader never reads past one still in flight and skips it for ever.
 * <p>
 * On one node cursors come from blocks reserved and persisted before use, and a restart starts above the last
 * reserved block (a crash leaves a gap, never a reuse); cursors in flight are tracked in memory. In a cluster a
 * node-local block would hand out cursors below those another node has already written, and a reader would pass
 * them; so each recording takes its cursors from the cluster's {@link FeedAllocation} with one compare-and-set, its
 * range stays in flight there until it is written, and every node's readers stop below every member's ranges.
 */
@ApplicationScoped
public class ChangeSequence {

    static final String KEY = "change-feed";
    private static final long BLOCK = 10_000;
    private static final Duration RELEASE_RETRY = Duration.ofMinutes(1);

    /** The cursors of one recording: handed out in order, released together when the recording is written. */
    public interface Lease extends AutoCloseable {
        long next();

        @Override
        void close();
    }

    private final Cache<String, SequenceBlock> blocks;
    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
    private long last;
    private long reservedUpTo;
    /** Null on one node. */
    private final Cache<String, FeedAllocation> allocation;
    private final ClusterMembership cluster;

    @Inject
    ChangeSequence(HistoryCaches caches, ClusterMembership cluster) {
        this.blocks = caches.decisionSequence();
        this.cluster = cluster;
        this.allocation = cluster.view().clustered() ? caches.feedAllocation() : null;
        SequenceBlock stored = blocks.get(KEY);
        this.last = stored == null ? 0 : stored.reservedUpTo();
        this.reservedUpTo = last;
    }

    /**
     * A node that starts has no recording in flight: ranges under its name are from before it stopped or died, and
     * now that it is a member again they would hold every reader back.
     */
    void onStart(@Observes StartupEvent event) {
        if (allocation != null && allocation.get(KEY) != null) {
            String node = cluster.nodeName();
            AtomicUpdates.update(allocation, KEY, current -> current.withoutNode(node));
        }
    }

    /** Cursors for a recording of at most {@code count} feed items. */
    Lease lease(int count) {
        return allocation == null ? new LocalLease() : new ClusterLease(count);
    }

    /** The next cursor, in flight until {@link #written(long)}. */
    synchronized long next() {
        if (last == reservedUpTo) {
            // a compare-and-set, so that a block is never reserved twice
            reservedUpTo = AtomicUpdates.update(blocks, KEY,
                    block -> new SequenceBlock((block == null ? 0 : block.reservedUpTo()) + BLOCK)).reservedUpTo();
            last = reservedUpTo - BLOCK;
        }
        long cursor = ++last;
        inFlight.add(cursor);
        return cursor;
    }

    /** The cursor's feed item is written (or will never be). */
    void written(long cursor) {
        inFlight.remove(cursor);
    }

    /** Every cursor up to this one is written or will never be: readers stop here. */
    long readableUpTo() {
        if (allocation != null) {
            FeedAllocation current = allocation.get(KEY);
            return current == null ? 0 : current.readableUpTo(new HashSet<>(cluster.memberNames()));
        }
        synchronized (this) {
            // one look at the set: written() removes cursors without this lock, so it may empty between two looks
            Long oldestInFlight = inFlight.ceiling(Long.MIN_VALUE);
            return oldestInFlight == null ? last : oldestInFlight - 1;
        }
    }

    private final class LocalLease implements Lease {
        private final List<Long> handedOut = new ArrayList<>();

        @Override
        public long next() {
            long cursor = ChangeSequence.this.next();
            handedOut.add(cursor);
            return cursor;
        }

        @Override
        public void close() {
            handedOut.forEach(ChangeSequence.this::written);
        }
    }

    /**
     * Takes its range on the first cursor asked for; the cursors it does not hand out are a gap readers skip. The
     * range carries the lease's own id: a compare-and-set that failed with a timeout may still have been applied,
     * and the release by id also removes a range the lease never heard it had.
     */
    private final class ClusterLease implements Lease {
        private final int count;
        private final String id = UUID.randomUUID().toString();
        private boolean taking;
        private FeedRange range;
        private long nextCursor;

        ClusterLease(int count) {
            this.count = count;
        }

        @Override
        public long next() {
            if (range == null) {
                String node = cluster.nodeName();
                Set<String> members = new HashSet<>(cluster.memberNames());
                taking = true;
                FeedAllocation taken = AtomicUpdates.update(allocation, KEY,
                        current -> (current == null ? FeedAllocation.EMPTY : current).take(node, id, count, members));
                range = taken.inFlight().get(taken.inFlight().size() - 1);
                nextCursor = range.from();
            }
            if (nextCursor > range.to()) {
                throw new IllegalStateException("a recording asked for more than the " + count + " cursors it leased");
            }
            return nextCursor++;
        }

        /**
         * Releases the range; while a member is leaving the replicated entry may refuse writes for a moment, and a
         * range left in flight would hold every reader back, so the release is retried for up to a minute.
         */
        @Override
        public void close() {
            if (!taking) {
                return;
            }
            long deadline = System.nanoTime() + RELEASE_RETRY.toNanos();
            while (true) {
                try {
                    AtomicUpdates.update(allocation, KEY,
                            current -> current == null ? FeedAllocation.EMPTY : current.release(id));
                    return;
                } catch (RuntimeException e) {
                    if (!ClusterChange.explains(e) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
    }
}
