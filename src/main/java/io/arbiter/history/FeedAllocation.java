package io.arbiter.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.infinispan.protostream.annotations.Proto;

/**
 * The cluster's change-feed cursors: the last one handed out and the ranges still being written, in one replicated
 * entry changed by compare-and-set, so cursors are handed out in one order across the nodes and a reader on any node
 * knows what is still in flight anywhere.
 */
@Proto
public record FeedAllocation(long last, List<FeedRange> inFlight) {

    static final FeedAllocation EMPTY = new FeedAllocation(0, List.of());

    /** Takes the next {@code count} cursors for {@code node}; ranges of nodes no longer members are dropped. */
    FeedAllocation take(String node, int count, Set<String> members) {
        List<FeedRange> ranges = new ArrayList<>();
        for (FeedRange range : inFlight) {
            if (members.contains(range.node())) {
                ranges.add(range);
            }
        }
        ranges.add(new FeedRange(node, last + 1, last + count));
        return new FeedAllocation(last + count, List.copyOf(ranges));
    }

    /** The range is written (or never will be). */
    FeedAllocation release(FeedRange done) {
        List<FeedRange> ranges = new ArrayList<>(inFlight);
        ranges.remove(done);
        return new FeedAllocation(last, List.copyOf(ranges));
    }

    /** Every cursor up to this one is written or never will be, as far as the members go. */
    long readableUpTo(Set<String> members) {
        long upTo = last;
        for (FeedRange range : inFlight) {
            if (members.contains(range.node())) {
                upTo = Math.min(upTo, range.from() - 1);
            }
        }
        return upTo;
    }
}
