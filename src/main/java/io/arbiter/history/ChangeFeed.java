package io.arbiter.history;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

/**
 * Reads the change feed in cursor order. Items are keyed by cursor, so a page is a few bulk reads of consecutive
 * keys; cursors of erased customers and of writes lost in a crash are gaps that are skipped. A page examines a
 * bounded number of cursors, so a long gap answers fewer items and a {@code next} to continue from.
 */
@ApplicationScoped
public class ChangeFeed {

    /** One page and the cursor to ask after for the next one. */
    public record Page(List<DecisionChange> items, long next) {
    }

    private static final int READ_BATCH = 500;
    private static final int MAX_EXAMINED = 100_000;

    private final Cache<String, DecisionChange> changes;
    private final ChangeSequence sequence;

    ChangeFeed(HistoryCaches caches, ChangeSequence sequence) {
        this.changes = caches.decisionChanges();
        this.sequence = sequence;
    }

    public Page after(long after, int limit) {
        long upTo = sequence.readableUpTo();
        List<DecisionChange> items = new ArrayList<>(limit);
        long cursor = after;
        while (items.size() < limit && cursor < upTo && cursor - after < MAX_EXAMINED) {
            long from = cursor + 1;
            long to = Math.min(upTo, cursor + READ_BATCH);
            Set<String> keys = new HashSet<>();
            for (long k = from; k <= to; k++) {
                keys.add(Long.toString(k));
            }
            Map<String, DecisionChange> found = changes.getAdvancedCache().getAll(keys);
            for (long k = from; k <= to && items.size() < limit; k++) {
                DecisionChange change = found.get(Long.toString(k));
                if (change != null) {
                    items.add(change);
                }
                cursor = k;
            }
        }
        return new Page(items, cursor);
    }
}
