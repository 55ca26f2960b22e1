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

    /**
     * Takes the next {@code count} cursors for {@code node} under {@code lease}; ranges of nodes no longer members
     * are dropped.
     */
    FeedAllocation take(String node, String lease, int count, Set<String> members) {
        List<FeedRange> ranges = new ArrayList<>();
        for (FeedRange range : inFlight) {
            if (members.contains(range.node())) {
                ranges.add(range);
            }
        }
        ranges.add(new FeedRange(node, last + 1, last + count, lease));
        return new FeedAllocation(last + count, List.copyOf(ranges));
    }

    /** The lease's range is written (or never will be); this allocation itself when it holds no such range. */
    FeedAllocation release(String lease) {
        List<FeedRange> ranges = inFlight.stream().filter(range -> !lease.equals(range.lease())).toList();
        return ranges.size() == inFlight.size() ? this : new FeedAllocation(last, ranges);
    }

    /** Without the ranges of {@code node}; this allocation itself when it holds none. */
    FeedAllocation withoutNode(String node) {
        List<FeedRange> ranges = inFlight.stream().filter(range -> !range.node().equals(node)).toList();
        return ranges.size() == inFlight.size() ? this : new FeedAllocation(last, ranges);
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
