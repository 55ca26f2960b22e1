package io.arbiter.store;

import java.util.function.UnaryOperator;

import org.infinispan.Cache;

/**
 * Read-modify-write of one entry that holds on any number of nodes: a compare-and-set ({@code putIfAbsent} or
 * {@code replace(key, expected, next)}, which the key's primary owner decides) retried until no other writer came in
 * between. Infinispan's {@code compute} would ship the function to the primary owner, and a lambda cannot be
 * marshalled there; the values compared are ProtoStream bytes, so records whose encoding is deterministic (lists,
 * not hash sets) compare as equal when they are.
 */
public final class AtomicUpdates {

    private AtomicUpdates() {
    }

    /**
     * Stores {@code change} applied to the current value (null: none) and answers what was stored. {@code change} may
     * run more than once, so it must not have effects beyond what the last run leaves.
     */
    public static <K, V> V update(Cache<K, V> cache, K key, UnaryOperator<V> change) {
        while (true) {
            V current = cache.get(key);
            V next = change.apply(current);
            if (next == null) {
                throw new IllegalArgumentException("an update must leave a value for " + key);
            }
            if (next.equals(current)) {
                return current;
            }
            boolean stored = current == null ? cache.putIfAbsent(key, next) == null : cache.replace(key, current, next);
            if (stored) {
                return next;
            }
        }
    }
}
