package io.arbiter.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;
import org.infinispan.commons.util.IntSet;
import org.infinispan.container.entries.InternalCacheEntry;
import org.infinispan.container.impl.InternalDataContainer;
import org.infinispan.factories.ComponentRegistry;
import org.infinispan.factories.GlobalComponentRegistry;
import org.infinispan.health.HealthStatus;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.persistence.manager.PersistenceManager;
import org.infinispan.persistence.spi.MarshallableEntry;
import org.infinispan.persistence.spi.MarshallableEntryFactory;
import org.infinispan.remoting.transport.Address;
import org.infinispan.topology.LocalTopologyManager;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.scheduler.Scheduler;

/**
 * The planned stop of the whole cluster, so that restarting the same members brings every entry back.
 * <p>
 * Step one runs on every member while the request waits: the member refuses new requests, writes the entries it
 * holds to its stores once more, writes each cache's current topology next to its stores, as Infinispan's
 * cluster-wide cache shutdown does, and keeps a copy of it in
 * {@value #SAVED_TOPOLOGY}. If a member fails, every member serves again and the stop is refused. Step two, after the
 * answer: every member exits cleanly (stores flushed, global state written). Infinispan deletes a member's written
 * topology as soon as the members that remain install a new one, which they do as the first ones leave; the copy is
 * what survives that. On the restart ({@link #restoreSavedTopology}) the copy is put back before the cache manager
 * starts, each cache waits until every member of that topology is back, restores it instead of rebalancing and keeps
 * every store as it is. On one node the stop is this node's clean exit.
 */
@ApplicationScoped
public class ClusterShutdown {

    /** The directory under the data directory that holds the topology saved by a planned stop until the restart. */
    static final String SAVED_TOPOLOGY = "planned-stop";
    private static final String STATE_SUFFIX = ".state";
    private static final Logger LOG = Logger.getLogger(ClusterShutdown.class);

    /** Entries written back to a store per bulk write. */
    private static final int REWRITE_BATCH = 512;

    /** How long the request waits for every member to write its topology. */
    private static final long MEMBERS_SECONDS = 30;

    /** Something a member of the cluster could not do for a planned stop; the stop did not happen. */
    public static final class StopRefused extends RuntimeException {
        StopRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final EmbeddedCacheManager manager;
    private final ClusterMembership membership;
    private final boolean clustered;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Scheduler scheduler;

    ClusterShutdown(EmbeddedCacheManager manager, ClusterMembership membership, ClusterSettings cluster,
                    Scheduler scheduler) {
        this.manager = manager;
        this.membership = membership;
        this.clustered = cluster.enabled();
        this.scheduler = scheduler;
    }

    /** True once this member takes part in a planned stop: it takes no new request. */
    public boolean stopping() {
        return stopping.get();
    }

    /**
     * Stops every member and answers their names once each has written its topology; the exits follow the answer.
     * A second request while one is under way answers the same members and starts nothing.
     *
     * @throws StopRefused naming the member that could not write its topology; every member serves again
     */
    public List<String> stopAll(String requestedBy) {
        List<String> members = membership.memberNames();
        if (!started.compareAndSet(false, true)) {
            return members;
        }
        LOG.infof("planned stop of the whole cluster %s, asked by %s", members, requestedBy);
        if (clustered) {
            try {
                awaitRebalancingDone();
                // as Infinispan's own cache shutdown does: members that leave now must not start state transfers
                // into stores that are closing (RocksDB aborted the process when one did)
                setRebalancing(manager, false);
                onEveryMember(new ShutdownTask(ShutdownStep.SAVE_TOPOLOGY, membership.nodeName()), true);
            } catch (RuntimeException e) {
                started.set(false);
                try {
                    onEveryMember(new ShutdownTask(ShutdownStep.RESUME_SERVING, membership.nodeName()), false);
                    setRebalancing(manager, true);
                } catch (RuntimeException undo) {
                    e.addSuppressed(undo);
                    LOG.error("undoing a refused planned stop failed; check GET /api/v1/cluster", undo);
                }
                throw e instanceof StopRefused refused ? refused : new StopRefused(e.getMessage(), e);
            }
        }
        stopping.set(true);
        CompletableFuture.runAsync(this::exitEveryMember);
        return members;
    }

    /**
     * A topology saved while a rebalance is under way would name owners that do not hold their segments yet; a
     * member that has just joined is ready before its state transfer ends, so the stop waits for it.
     */
    private void awaitRebalancingDone() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MEMBERS_SECONDS);
        while (manager.getHealth().getClusterHealth().getHealthStatus() != HealthStatus.HEALTHY) {
            if (System.nanoTime() > deadline) {
                throw new StopRefused("the cluster is " + manager.getHealth().getClusterHealth().getHealthStatus()
                        + " after " + MEMBERS_SECONDS + " s; stop it once GET /api/v1/cluster answers HEALTHY", null);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StopRefused("interrupted while waiting for the rebalance to end", e);
            }
        }
    }

    private void exitEveryMember() {
        try {
            if (clustered) {
                onOtherMembers(new ShutdownTask(ShutdownStep.EXIT, membership.nodeName()));
            }
        } catch (RuntimeException e) {
            LOG.error("a member did not confirm the planned stop; stop it by hand", e);
        } finally {
            Quarkus.asyncExit(0);
        }
    }

    /**
     * Step one on this member: no new request and no scheduled job, then for each running cache the entries held
     * written to the stores again and the topology written (Infinispan's own handling of a cluster-wide cache
     * shutdown, which leaves the cache running) and copied aside. The copy is complete or absent: it is assembled
     * beside and renamed into place.
     */
    void saveTopology() {
        stopping.set(true);
        scheduler.pause();
        LocalTopologyManager topology = GlobalComponentRegistry.of(manager).getLocalTopologyManager();
        Path location = persistentLocation(manager);
        Path staging = location.resolve(SAVED_TOPOLOGY + ".partial");
        Path saved = location.resolve(SAVED_TOPOLOGY);
        try {
            deleteDirectory(staging);
            Files.createDirectories(staging);
            for (String name : runningCaches()) {
                if (manager.getCache(name).getAdvancedCache().getDistributionManager().getCacheTopology()
                        .getPendingCH() != null) {
                    throw new IllegalStateException("cache " + name + " is rebalancing on " + manager.getAddress());
                }
                rewriteHeldEntries(manager.getCache(name));
                topology.handleCacheShutdown(name).toCompletableFuture().join();
                Files.copy(location.resolve(name + STATE_SUFFIX), staging.resolve(name + STATE_SUFFIX));
            }
            deleteDirectory(saved);
            Files.move(staging, saved, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the topology under " + location, e);
        }
    }

    /**
     * Writes every entry this member holds on its heap to its own store once more. A RocksDB store ignores a write
     * to a segment it has not opened yet, and a member that gains a segment while writes go on (a batch job while a
     * member leaves) can take one during the rebalance: the entry is on its heap and with the other owner, but not in
     * its store, and after the restart, read from this store, it would be missing. Caches without a store, and
     * entries only in the store (beyond a cache's bound on the heap), are left as they are.
     */
    @SuppressWarnings("unchecked")
    private static void rewriteHeldEntries(Cache<Object, Object> cache) {
        if (!cache.getCacheConfiguration().persistence().usingStores()) {
            return;
        }
        // straight to this member's stores: a write through the cache would lock and replicate
        InternalDataContainer<Object, Object> held = ComponentRegistry.componentOf(cache, InternalDataContainer.class);
        MarshallableEntryFactory<Object, Object> entries =
                ComponentRegistry.componentOf(cache, MarshallableEntryFactory.class);
        PersistenceManager stores = ComponentRegistry.componentOf(cache, PersistenceManager.class);
        IntSet owned = cache.getAdvancedCache().getDistributionManager().getCacheTopology().getLocalWriteSegments();
        List<MarshallableEntry<Object, Object>> batch = new ArrayList<>(REWRITE_BATCH);
        for (Iterator<InternalCacheEntry<Object, Object>> it = held.iterator(owned); it.hasNext(); ) {
            batch.add(entries.create(it.next()));
            if (batch.size() == REWRITE_BATCH || !it.hasNext()) {
                stores.writeEntries(batch, PersistenceManager.AccessMode.PRIVATE).toCompletableFuture().join();
                batch = new ArrayList<>(REWRITE_BATCH);
            }
        }
    }

    /** Undoes step one on this member after another member failed it. */
    void resumeServing() {
        try {
            deleteDirectory(persistentLocation(manager).resolve(SAVED_TOPOLOGY));
        } catch (IOException e) {
            LOG.error("cannot delete the saved topology of a refused planned stop", e);
        }
        stopping.set(false);
        scheduler.resume();
    }

    /**
     * Puts back the topology a planned stop saved under {@code location}, before the cache manager starts there, so
     * that the caches restore it; called once: the saved copy is consumed. True when there was one.
     */
    static boolean restoreSavedTopology(Path location) {
        Path saved = location.resolve(SAVED_TOPOLOGY);
        if (!Files.isDirectory(saved)) {
            return false;
        }
        try (DirectoryStream<Path> states = Files.newDirectoryStream(saved, "*" + STATE_SUFFIX)) {
            List<Path> restored = new ArrayList<>();
            for (Path state : states) {
                restored.add(Files.copy(state, location.resolve(state.getFileName()),
                        StandardCopyOption.REPLACE_EXISTING).getFileName());
            }
            deleteDirectory(saved);
            LOG.infof("restarting after a planned stop of the whole cluster: restoring the topology of %d caches;"
                    + " each waits until every member of that stop is back", restored.size());
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the topology saved under " + saved, e);
        }
    }

    /**
     * Switches rebalancing on or off for the whole cluster. The planned stop switches it off, and the setting is kept
     * in each member's global state, so a member restarting from a planned stop switches it back on.
     */
    static void setRebalancing(EmbeddedCacheManager manager, boolean enabled) {
        try {
            GlobalComponentRegistry.of(manager).getLocalTopologyManager().setRebalancingEnabled(enabled);
        } catch (Exception e) {
            throw new StopRefused("cannot switch rebalancing " + (enabled ? "on" : "off") + ": " + e.getMessage(), e);
        }
    }

    private List<String> runningCaches() {
        return manager.getCacheNames().stream().filter(manager::isRunning).sorted().toList();
    }

    private void onEveryMember(ShutdownTask step, boolean failOnError) {
        List<String> failures = new ArrayList<>();
        manager.executor().timeout(MEMBERS_SECONDS, TimeUnit.SECONDS)
                .submitConsumer(step, (member, done, failure) -> {
                    if (failure != null) {
                        synchronized (failures) {
                            failures.add(member + ": " + failure.getMessage());
                        }
                    }
                })
                .join();
        if (!failures.isEmpty()) {
            if (failOnError) {
                throw new StopRefused("not every member could save its topology: " + failures, null);
            }
            LOG.errorf("members that did not answer %s: %s", step, failures);
        }
    }

    private void onOtherMembers(ShutdownTask step) {
        Address self = manager.getAddress();
        manager.executor().filterTargets(member -> !member.equals(self)).timeout(MEMBERS_SECONDS, TimeUnit.SECONDS)
                .submitConsumer(step, (member, done, failure) -> {
                    if (failure != null) {
                        LOG.errorf(failure, "%s did not confirm the planned stop; stop it by hand", member);
                    }
                })
                .join();
    }

    private static Path persistentLocation(EmbeddedCacheManager manager) {
        return Path.of(manager.getCacheManagerConfiguration().globalState().persistentLocation());
    }

    private static void deleteDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }
}
