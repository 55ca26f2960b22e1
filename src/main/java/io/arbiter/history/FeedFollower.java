package io.arbiter.history;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * One follower of the change feed on a thread of its own (a slow handler holds back no other follower): on each turn
 * it reads pages after its checkpoint until it has caught up, then waits {@code every}; after a failure it waits
 * twice as long each time, up to {@link #MAX_BACK_OFF}.
 */
final class FeedFollower {

    private static final Logger LOG = Logger.getLogger(FeedFollower.class);
    static final int PAGE = 500;
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final FeedHandler handler;
    /** The cursor the follower must not pass (another follower's checkpoint it comes after); MAX_VALUE: none. */
    private final java.util.function.LongSupplier bound;
    private final FeedFollowers followers;
    private final Duration every;
    private final ScheduledExecutorService thread;
    private volatile boolean stopping;
    private int failures;

    FeedFollower(String name, FeedHandler handler, java.util.function.LongSupplier bound, FeedFollowers followers,
                 Duration every) {
        this.name = name;
        this.handler = handler;
        this.bound = bound;
        this.followers = followers;
        this.every = every;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "feed-follower-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        thread.schedule(this::turn, every.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void turn() {
        Duration wait = every;
        try {
            if (followers.mayFollow()) {
                catchUp();
            }
            failures = 0;
        } catch (Exception e) {
            if (!stopping) {
                failures++;
                wait = backOff();
                LOG.warnf(e, "follower %s of the change feed failed after cursor %d (%d time(s) in a row); it tries"
                        + " the same items again in %s", name, followers.checkpoint(name), failures, wait);
            }
        } finally {
            // whatever happened, the follower goes on: a follower that silently stopped would hold back its readers
            if (!stopping) {
                thread.schedule(this::turn, wait.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    private void catchUp() throws Exception {
        long checkpoint = followers.checkpoint(name);
        while (!stopping) {
            long upTo = bound.getAsLong();
            ChangeFeed.Page page = followers.feed().after(checkpoint, PAGE);
            long next = Math.min(page.next(), upTo);
            if (next <= checkpoint) {
                return;
            }
            List<DecisionChange> items = page.next() <= upTo ? page.items()
                    : page.items().stream().filter(item -> item.cursor() <= upTo).toList();
            if (!items.isEmpty()) {
                handler.handle(items);
            }
            followers.advance(name, next);
            checkpoint = next;
        }
    }

    private Duration backOff() {
        Duration wait = every.multipliedBy(1L << Math.min(failures, 16));
        return wait.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : wait;
    }

    /** Lets the page in hand finish for a while, then interrupts the handler; its checkpoint stays as it was. */
    void stop() {
        stopping = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
