package io.arbiter.history;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.infinispan.Cache;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.store.AtomicUpdates;
import io.arbiter.store.ClusterMembership;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Followers of the change feed, each with a durable checkpoint: a follower reads the feed after its checkpoint a page
 * at a time, hands each page to its handler and only then stores the page's end as its checkpoint, so after a crash
 * or a failing handler it resumes where the last handled page ended (at least once: a page may come twice, never be
 * skipped). Checkpoints are kept by follower name in the replicated {@code feed-checkpoints}. In a cluster only the
 * coordinator follows, so the feed is handled once, and a new coordinator takes over from the stored checkpoint.
 */
@ApplicationScoped
public class FeedFollowers {

    /** A follower that has been started; closing it stops it once the page in hand is handled. */
    public interface Following extends AutoCloseable {
        @Override
        void close();
    }

    private final ChangeFeed feed;
    private final Cache<String, FeedCheckpoint> checkpoints;
    private final ClusterMembership cluster;
    private final Clock clock;
    private final Duration every;
    private final Map<String, FeedFollower> running = new ConcurrentHashMap<>();

    FeedFollowers(ChangeFeed feed, HistoryCaches caches, ClusterMembership cluster, Clock clock, ArbiterConfig config) {
        this.feed = feed;
        this.checkpoints = caches.feedCheckpoints();
        this.cluster = cluster;
        this.clock = clock;
        this.every = config.feed().followEvery();
    }

    /**
     * Starts following the feed as {@code name}, from that name's checkpoint (the start of the feed the first time),
     * every {@code arbiter.feed.follow-every} once caught up. One follower per name on a node.
     */
    public Following follow(String name, FeedHandler handler) {
        return follow(name, () -> Long.MAX_VALUE, handler);
    }

    /**
     * As {@link #follow(String, FeedHandler)}, never past the cursor {@code upTo} answers: a follower that needs what
     * another follower derives from the same items follows behind that follower's checkpoint.
     */
    public synchronized Following follow(String name, java.util.function.LongSupplier upTo, FeedHandler handler) {
        if (running.containsKey(name)) {
            throw new IllegalStateException("the change feed is already followed as " + name);
        }
        FeedFollower follower = new FeedFollower(name, handler, upTo, this, every);
        running.put(name, follower);
        follower.start();
        return () -> {
            running.remove(name, follower);
            follower.stop();
        };
    }

    /** The cursor up to which the follower {@code name} has handled the feed; 0 before its first page. */
    public long checkpoint(String name) {
        FeedCheckpoint stored = checkpoints.get(name);
        return stored == null ? 0 : stored.after();
    }

    ChangeFeed feed() {
        return feed;
    }

    boolean mayFollow() {
        return cluster.coordinator();
    }

    /** Moves the checkpoint forward only: a former coordinator finishing a page late cannot take it back. */
    void advance(String name, long after) {
        AtomicUpdates.update(checkpoints, name, current -> current != null && current.after() >= after
                ? current : new FeedCheckpoint(after, clock.instant()));
    }

    /** Before the caches close: each follower finishes the page in hand (or gives it up) and stops. */
    void stop(@Observes ShutdownEvent event) {
        running.values().forEach(FeedFollower::stop);
        running.clear();
    }
}
