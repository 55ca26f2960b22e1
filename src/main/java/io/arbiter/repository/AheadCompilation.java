package io.arbiter.repository;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;
import org.jboss.logging.Logger;

import io.arbiter.store.ClusterMembership;

/**
 * Which nodes hold a compiled snapshot of which version, so that an activation waits until every member of the view
 * has compiled the version ahead (each does so when the version's entry arrives) and its pointer write is then a swap
 * on every node within milliseconds, not a compile of seconds on some of them. Marks are per incarnation of a node,
 * since a restarted node has lost its snapshots, and live in a replicated cache without a store.
 */
@ApplicationScoped
public class AheadCompilation {

    /** Past this an activation goes ahead; a node still compiling swaps when it is done, as without this wait. */
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(AheadCompilation.class);

    private final Cache<String, String> marks;
    private final ClusterMembership cluster;
    private final String incarnation = UUID.randomUUID().toString();

    AheadCompilation(RepositoryCaches caches, ClusterMembership cluster) {
        this.marks = caches.compiledVersions();
        this.cluster = cluster;
    }

    /**
     * From now on this node compiles every version validated elsewhere (its listener is registered), so activations
     * wait for it. A member that has not registered yet is still starting, and compiles the active versions before it
     * reports ready.
     */
    void register() {
        marks.put(nodeKey(cluster.nodeName()), incarnation);
    }

    /** This node holds a compiled snapshot of the version. */
    void compiled(String name, long version) {
        marks.put(versionKey(name, version, incarnation), "");
    }

    /**
     * Waits until every member of the current view has compiled the version, or {@link #WAIT} has passed, or the
     * thread is interrupted (its flag is kept).
     */
    void awaitEverywhere(String name, long version) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (!compiledEverywhere(name, version)) {
                if (System.nanoTime() > deadline) {
                    LOG.warnf("decision set %s: version %d is not compiled on every member after %d s; activating "
                            + "it, the members still compiling swap when they are done", name, version, WAIT.toSeconds());
                    return;
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean compiledEverywhere(String name, long version) {
        for (String member : cluster.memberNames()) {
            String memberIncarnation = marks.get(nodeKey(member));
            if (memberIncarnation != null && !marks.containsKey(versionKey(name, version, memberIncarnation))) {
                return false;
            }
        }
        return true;
    }

    private static String nodeKey(String node) {
        return "node/" + node;
    }

    private static String versionKey(String name, long version, String incarnation) {
        return StoredVersion.key(name, version) + "/" + incarnation;
    }
}
