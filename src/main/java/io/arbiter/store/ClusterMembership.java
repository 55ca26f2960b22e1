package io.arbiter.store;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.health.HealthStatus;
import org.infinispan.manager.EmbeddedCacheManager;

/** This node's view of the cluster. On the single-node default the view is this node alone. */
@ApplicationScoped
public class ClusterMembership {

    /** What a node reports of the cluster: its members in view order, the coordinator, Infinispan's health. */
    public record View(boolean clustered, String nodeName, List<String> members, String coordinator, String status) {
    }

    private final EmbeddedCacheManager manager;
    private final boolean clustered;

    ClusterMembership(EmbeddedCacheManager manager, ClusterSettings cluster) {
        this.manager = manager;
        this.clustered = cluster.enabled();
    }

    /** This node's name in the view. */
    public String nodeName() {
        return String.valueOf(manager.getAddress() == null ? manager.getCacheManagerInfo().getNodeName()
                : manager.getAddress());
    }

    /** The names of the members in the current view; this node alone when not clustered. */
    public List<String> memberNames() {
        return !clustered || manager.getMembers() == null ? List.of(nodeName())
                : manager.getMembers().stream().map(String::valueOf).toList();
    }

    /**
     * Whether this node is the one that runs the cluster's single-runner work (following the change feed): the
     * Infinispan coordinator, the oldest member of the view; on one node always.
     */
    public boolean coordinator() {
        return !clustered || manager.isCoordinator();
    }

    public View view() {
        String self = nodeName();
        if (!clustered) {
            return new View(false, self, List.of(self), self, status().name());
        }
        return new View(true, self, memberNames(), String.valueOf(manager.getCoordinator()), status().name());
    }

    /**
     * Whether this node can serve: on one node always; in a cluster once it has joined a view and no cache is
     * degraded (a partition without the majority, or a segment that lost both owners) or failed.
     */
    public boolean available() {
        if (!clustered) {
            return true;
        }
        HealthStatus status = status();
        return manager.getMembers() != null && manager.getMembers().contains(manager.getAddress())
                && (status == HealthStatus.HEALTHY || status == HealthStatus.HEALTHY_REBALANCING);
    }

    private HealthStatus status() {
        return manager.getHealth().getClusterHealth().getHealthStatus();
    }
}
