package io.arbiter.store;

/**
 * A durable cache as its domain defines it: its name, how many of its entries stay on heap (at most; {@code <= 0}:
 * every entry, preloaded at start on one node) and where its entries live in a cluster.
 */
public record CacheDefinition(String name, long maxInMemory, Placement placement) {
}
