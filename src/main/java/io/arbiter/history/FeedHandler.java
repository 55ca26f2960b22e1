package io.arbiter.history;

import java.util.List;

/** What a follower of the change feed does with each page of items ({@link FeedFollowers#follow}). */
@FunctionalInterface
public interface FeedHandler {

    /**
     * Handles the items of one page, in cursor order. Returning means they are handled for good: the follower's
     * checkpoint moves past them. Throwing leaves the checkpoint where it was, and the same items (and any written
     * since) come again on the next attempt, so handling must be harmless to repeat.
     */
    void handle(List<DecisionChange> items) throws Exception;
}
