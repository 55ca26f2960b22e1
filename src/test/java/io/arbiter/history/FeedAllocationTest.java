package io.arbiter.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** Cursor ranges across the nodes: what readers may read, and releases by lease. */
class FeedAllocationTest {

    private static final Set<String> ALL = Set.of("a", "b", "c");

    @Test
    void readersStopBelowTheOldestRangeOfAMember() {
        FeedAllocation allocation = FeedAllocation.EMPTY.take("a", "l1", 10, ALL).take("b", "l2", 5, ALL);
        assertEquals(15, allocation.last());
        assertEquals(0, allocation.readableUpTo(ALL));
        assertEquals(15, allocation.release("l1").release("l2").readableUpTo(ALL));
        assertEquals(10, allocation.release("l1").readableUpTo(ALL), "b's range 11..15 is still being written");
    }

    @Test
    void aReleaseRemovesTheLeasesRangeEvenIfTheLeaseNeverLearntItsBounds() {
        FeedAllocation allocation = FeedAllocation.EMPTY.take("a", "l1", 10, ALL);
        FeedAllocation released = allocation.release("l1");
        assertEquals(0, released.inFlight().size());
        assertSame(released, released.release("l1"), "releasing twice changes nothing");
    }

    @Test
    void rangesOfNodesThatLeftHoldNoReaderBackAndAreDroppedOnTheNextTake() {
        FeedAllocation allocation = FeedAllocation.EMPTY.take("c", "l1", 10, ALL).take("a", "l2", 5, ALL)
                .release("l2");
        assertEquals(0, allocation.readableUpTo(ALL));
        assertEquals(15, allocation.readableUpTo(Set.of("a", "b")));
        assertEquals(1, allocation.take("a", "l3", 1, Set.of("a", "b")).inFlight().size());
    }

    @Test
    void aNodeThatRestartsDropsTheRangesOfItsPreviousLife() {
        FeedAllocation allocation = FeedAllocation.EMPTY.take("c", "l1", 10, ALL).take("a", "l2", 5, ALL);
        FeedAllocation restarted = allocation.withoutNode("c");
        assertEquals(10, restarted.readableUpTo(ALL), "only a's range 11..15 holds readers back");
        assertSame(restarted, restarted.withoutNode("c"));
    }
}
