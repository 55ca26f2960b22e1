package io.arbiter.store;

/** Where a cache's entries live when Arbiter runs as a cluster; on one node every cache is local. */
public enum Placement {

    /**
     * Two owners per entry, chosen by the key's hash, written synchronously to both: per-customer data that grows
     * with the customers (facts, event logs, decisions). Capacity grows with the nodes; one node may fail at a time.
     */
    PARTITIONED,

    /**
     * A copy on every node, written synchronously to all: small data every node reads on the request path or must
     * agree on (decision-set versions and pointers, audit, batch jobs, model fits).
     */
    REPLICATED
}
