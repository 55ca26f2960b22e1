package io.arbiter.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.RecommendedAction;

/**
 * One scope's counts on this node, added to by request threads without a lock on the hot path (adders per key), and
 * read as an {@link OutcomeCounts}. Starts from what this incarnation flushed before, when a scope it had let go
 * of comes back.
 */
final class LiveCounts {

    private final LongAdder decisions = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final ConcurrentMap<String, LongAdder> tiers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> grades = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> actions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> tierMoves = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, LongAdder> gradeMoves = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, List<String>> samples = new ConcurrentHashMap<>();
    private final OutcomeCounts base;
    /** Set by every count, cleared by the flush that writes it; read first, so a busy scope's line is not rewritten. */
    volatile boolean dirty;
    /** When a flush last found counts to write (flusher's clock): a scope idle long after it is let go of. */
    long flushedNanos = System.nanoTime();

    LiveCounts(OutcomeCounts base) {
        this.base = base;
    }

    void decided(CustomerDecision decision) {
        decisions.increment();
        add(tiers, decision.valueTier());
        add(grades, decision.riskGrade());
        for (RecommendedAction action : decision.actions()) {
            add(actions, action.type());
        }
        touched();
    }

    /** A shadow decision, with the champion's outcome it is compared to. */
    void moved(CustomerDecision champion, CustomerDecision challenger) {
        decided(challenger);
        move(tierMoves, "valueTier", champion.valueTier(), challenger.valueTier(), challenger.customerId());
        move(gradeMoves, "riskGrade", champion.riskGrade(), challenger.riskGrade(), challenger.customerId());
    }

    void failed() {
        failures.increment();
        touched();
    }

    void dropped() {
        dropped.increment();
        touched();
    }

    OutcomeCounts snapshot() {
        Map<String, String> moveSamples = new java.util.TreeMap<>();
        samples.forEach((move, ids) -> {
            synchronized (ids) {
                moveSamples.put(move, String.join(",", ids));
            }
        });
        return base.plus(new OutcomeCounts(decisions.sum(), failures.sum(), dropped.sum(), sums(tiers), sums(grades),
                sums(actions), sums(tierMoves), sums(gradeMoves), Map.copyOf(moveSamples)));
    }

    private void move(ConcurrentMap<String, LongAdder> moves, String dimension, String from, String to,
                      String customerId) {
        String move = from + ">" + to;
        add(moves, move);
        // samples name customers who moved: an unchanged outcome needs none
        if (!from.equals(to)) {
            List<String> ids = samples.computeIfAbsent(dimension + ":" + move, k -> new ArrayList<>(OutcomeCounts.SAMPLES));
            synchronized (ids) {
                if (ids.size() < OutcomeCounts.SAMPLES && !ids.contains(customerId)) {
                    ids.add(customerId);
                }
            }
        }
    }

    private static void add(ConcurrentMap<String, LongAdder> counts, String key) {
        counts.computeIfAbsent(String.valueOf(key), k -> new LongAdder()).increment();
    }

    private void touched() {
        if (!dirty) {
            dirty = true;
        }
    }

    private static Map<String, Long> sums(ConcurrentMap<String, LongAdder> counts) {
        Map<String, Long> sums = new java.util.HashMap<>();
        counts.forEach((key, adder) -> sums.put(key, adder.sum()));
        return sums;
    }
}
