package io.arbiter.history;

import java.util.concurrent.ConcurrentSkipListSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

/**
 * Hands out change-feed cursors: strictly increasing, also across restarts, because numbers are reserved in
 * blocks persisted before use and a restart starts above the last reserved block (a crash leaves a gap, never a
 * reuse). Cursors handed out but not yet written are tracked, so a reader never reads past one still in flight
 * and skips it for ever.
 */
@ApplicationScoped
public class ChangeSequence {

    static final String KEY = "change-feed";
    private static final long BLOCK = 10_000;

    private final Cache<String, SequenceBlock> blocks;
    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();
    private long last;
    private long reservedUpTo;

    ChangeSequence(HistoryCaches caches) {
        this.blocks = caches.decisionSequence();
        SequenceBlock stored = blocks.get(KEY);
        this.last = stored == null ? 0 : stored.reservedUpTo();
        this.reservedUpTo = last;
    }

    /** The next cursor, in flight until {@link #written(long)}. */
    synchronized long next() {
        if (last == reservedUpTo) {
            long upTo = reservedUpTo + BLOCK;
            blocks.put(KEY, new SequenceBlock(upTo));
            reservedUpTo = upTo;
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
    synchronized long readableUpTo() {
        // one look at the set: written() removes cursors without this lock, so it may empty between two looks
        Long oldestInFlight = inFlight.ceiling(Long.MIN_VALUE);
        return oldestInFlight == null ? last : oldestInFlight - 1;
    }
}
