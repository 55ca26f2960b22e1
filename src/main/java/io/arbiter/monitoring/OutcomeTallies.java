package io.arbiter.monitoring;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;
import org.jboss.logging.Logger;

import io.arbiter.engine.CustomerDecision;
import io.arbiter.store.PrimaryKeys;
import io.quarkus.scheduler.Scheduled;

/**
 * Counts decisions by scope for the whole cluster without a write per decision: each node counts in memory
 * ({@link LiveCounts}) and every two seconds writes each changed scope's running totals under
 * {@code scope/incarnation}, its own key, which no other node writes. A reader sums the stored entries of every
 * incarnation, with this node's own counts taken live; another node's last two seconds are not in it yet, and a node
 * that crashes loses at most its last two seconds of counts (counts, not decisions). A scope left alone for ten
 * minutes after its last flush is let go of, and taken up again from its stored entry if it comes back.
 */
@ApplicationScoped
public class OutcomeTallies {

    private static final Logger LOG = Logger.getLogger(OutcomeTallies.class);
    private static final long IDLE_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Cache<String, OutcomeCounts> stored;
    private final String incarnation = UUID.randomUUID().toString();
    private final ConcurrentMap<String, LiveCounts> live = new ConcurrentHashMap<>();

    OutcomeTallies(MonitoringCaches caches) {
        this.stored = caches.counts();
    }

    public void decided(String scope, CustomerDecision decision) {
        counts(scope).decided(decision);
    }

    /** A shadow decision of the challenger, compared with the champion's decision of the same facts. */
    public void shadowed(String scope, CustomerDecision champion, CustomerDecision challenger) {
        counts(scope).moved(champion, challenger);
    }

    public void failed(String scope) {
        counts(scope).failed();
    }

    public void dropped(String scope) {
        counts(scope).dropped();
    }

    /** The counts of one scope summed over every node incarnation. */
    public OutcomeCounts read(String scope) {
        return byScope(scope + "/").getOrDefault(scope, OutcomeCounts.NONE);
    }

    /** The counts of every scope under a prefix (ending in {@code /}), summed over every node incarnation. */
    public Map<String, OutcomeCounts> byScope(String prefix) {
        Map<String, OutcomeCounts> sums = new java.util.TreeMap<>();
        live.forEach((scope, counts) -> {
            if ((scope + "/").startsWith(prefix)) {
                sums.merge(scope, counts.snapshot(), OutcomeCounts::plus);
            }
        });
        // this incarnation's stored entry is in its live counts (their base), unless the scope was let go of
        java.util.Set<String> counted = new java.util.HashSet<>(sums.keySet());
        String own = "/" + incarnation;
        stored.forEach((key, counts) -> {
            String scope = key.substring(0, key.lastIndexOf('/'));
            if (key.startsWith(prefix) && !(key.endsWith(own) && counted.contains(scope))) {
                sums.merge(scope, counts, OutcomeCounts::plus);
            }
        });
        return sums;
    }

    /**
     * Removes the drift windows that start before {@code cutoff}: this node's live counts of them, and the entries this
     * node is the primary owner of; answers how many entries went.
     */
    public long pruneDrift(Instant cutoff) {
        live.keySet().removeIf(scope -> scope.startsWith(Scopes.DRIFT) && Scopes.driftWindow(scope).isBefore(cutoff));
        long pruned = 0;
        for (String key : PrimaryKeys.of(stored)) {
            if (key.startsWith(Scopes.DRIFT) && Scopes.driftWindow(key.substring(0, key.lastIndexOf('/'))).isBefore(cutoff)
                    && stored.remove(key) != null) {
                pruned++;
            }
        }
        return pruned;
    }

    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void flush() {
        live.forEach((scope, counts) -> {
            try {
                if (counts.dirty) {
                    counts.dirty = false;
                    counts.flushedNanos = System.nanoTime();
                    stored.put(scope + "/" + incarnation, counts.snapshot());
                }
            } catch (RuntimeException e) {
                counts.dirty = true;
                LOG.warnf("the counts of %s could not be written; they are kept and written again: %s", scope,
                        e.getMessage());
            }
        });
        letGoOfIdle(IDLE_NANOS);
    }

    /** Forgets the live counts of scopes written and then left alone for {@code idleNanos}: their entry holds them. */
    void letGoOfIdle(long idleNanos) {
        long now = System.nanoTime();
        live.forEach((scope, counts) -> {
            if (!counts.dirty && now - counts.flushedNanos >= idleNanos) {
                live.remove(scope, counts);
            }
        });
    }

    @PreDestroy
    void stop() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.debugf("the last counts could not be written at stop: %s", e.getMessage());
        }
    }

    private LiveCounts counts(String scope) {
        LiveCounts counts = live.get(scope);
        return counts != null ? counts : live.computeIfAbsent(scope,
                s -> new LiveCounts(stored.getOrDefault(s + "/" + incarnation, OutcomeCounts.NONE)));
    }
}
