package io.arbiter.repository;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.infinispan.Cache;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryCreated;
import org.infinispan.notifications.cachelistener.annotation.CacheEntryModified;
import org.infinispan.notifications.cachelistener.event.CacheEntryEvent;
import org.jboss.logging.Logger;

import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.Challenger;
import io.arbiter.engine.LiveSet;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.DecisionSetCompilationException;
import io.quarkus.runtime.StartupEvent;

/**
 * Keeps this node's compiled snapshots in line with the active pointers in the {@code decision-sets} cache. A
 * pointer change (activation, rollback, from this node or another) is handled off the listener thread: the active
 * version is compiled from the stored files and swapped into {@link ActiveDecisionSets} in one reference write, so
 * evaluations in flight finish on the snapshot they took. A version validated on another node is compiled here as soon
 * as its entry arrives, so that its activation is a pointer write and a swap on every node, not a compile. At
 * start-up the shipped sets (the default and the RFM segmentation, {@link ShippedSets}) are installed when the store
 * has none, and every stored set is compiled before the service reports ready.
 */
@ApplicationScoped
@Listener
public class ActiveVersionSync {

    private static final Logger LOG = Logger.getLogger(ActiveVersionSync.class);

    private final DecisionRepository repository;
    private final ActiveDecisionSets active;
    private final VersionSnapshots snapshots;
    private final Cache<String, SetPointer> pointers;
    private final Cache<String, StoredVersion> versions;
    private final ShippedSets shipped;
    private final AheadCompilation aheadCompilation;
    private final ExecutorService compiling = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "decision-set-sync");
        thread.setDaemon(true);
        return thread;
    });

    ActiveVersionSync(DecisionRepository repository, ActiveDecisionSets active, VersionSnapshots snapshots,
                      RepositoryCaches caches, ShippedSets shipped, AheadCompilation aheadCompilation) {
        this.repository = repository;
        this.active = active;
        this.snapshots = snapshots;
        this.pointers = caches.pointers();
        this.versions = caches.versions();
        this.shipped = shipped;
        this.aheadCompilation = aheadCompilation;
    }

    void onStart(@Observes StartupEvent event) {
        for (String name : shipped.names()) {
            if (repository.find(name).isEmpty() && repository.bootstrap(shipped.prepared(name))) {
                LOG.infof("decision set %s: the shipped files became version 1 and are active", name);
            }
        }
        pointers.addListener(this);
        versions.addListener(new VersionArrivals());
        aheadCompilation.register();
        repository.names().forEach(this::sync);
        // a version validated before the listener was registered may be waiting to be activated: compile it too
        for (String name : repository.names()) {
            repository.find(name).filter(pointer -> pointer.latestVersion() != pointer.activeVersion())
                    .flatMap(pointer -> repository.version(name, pointer.latestVersion()))
                    .filter(version -> version.validation() == VersionStatus.VALIDATED)
                    .ifPresent(version -> compiling.execute(() -> compileAhead(name, version.version())));
        }
    }

    @CacheEntryCreated
    @CacheEntryModified
    public void pointerChanged(CacheEntryEvent<String, SetPointer> event) {
        if (!event.isPre()) {
            String name = event.getKey();
            compiling.execute(() -> sync(name));
        }
    }

    /** Compiles versions that another node validated, ahead of their activation. */
    @Listener
    public class VersionArrivals {

        @CacheEntryCreated
        public void versionStored(CacheEntryEvent<String, StoredVersion> event) {
            StoredVersion version = event.getValue();
            if (!event.isPre() && !event.isOriginLocal() && version != null
                    && version.validation() == VersionStatus.VALIDATED) {
                compiling.execute(() -> compileAhead(version.decisionSet(), version.version()));
            }
        }
    }

    private void compileAhead(String name, long version) {
        long started = System.nanoTime();
        try {
            snapshots.compiled(name, version);
            LOG.infof("decision set %s: version %d compiled ahead on this node in %d ms", name, version,
                    (System.nanoTime() - started) / 1_000_000);
        } catch (DecisionSetCompilationException | RepositoryException e) {
            LOG.warnf("decision set %s: version %d cannot be compiled ahead: %s", name, version, e.getMessage());
        }
    }

    /**
     * Compiles and swaps in the set's active version and its rollout's challenger, unless this node already evaluates
     * with that split.
     */
    synchronized void sync(String name) {
        SetPointer pointer = repository.find(name).orElse(null);
        if (pointer == null || pointer.activeVersion() == 0) {
            return;
        }
        long wanted = pointer.activeVersion();
        Rollout rollout = pointer.rollout();
        LiveSet current = active.live(name).orElse(null);
        if (current != null && current.champion().version() == wanted && sameSplit(current, rollout)) {
            return;
        }
        long started = System.nanoTime();
        try {
            CompiledDecisionSet champion = snapshots.compiled(name, wanted);
            Optional<Challenger> challenger = rollout == null ? Optional.empty()
                    : Optional.of(new Challenger(rollout.id(), rollout.rolloutMode(), rollout.basisPoints(),
                    snapshots.compiled(name, rollout.challenger())));
            active.activate(new LiveSet(champion, challenger));
            LOG.infof("decision set %s: version %d active on this node%s after %d ms", name, wanted,
                    rollout == null ? "" : ", " + rollout.mode() + " of version " + rollout.challenger() + " at "
                            + Rollouts.percent(rollout.basisPoints()) + "%", (System.nanoTime() - started) / 1_000_000);
        } catch (DecisionSetCompilationException | RepositoryException e) {
            LOG.errorf("decision set %s: version %d cannot be made active, the previous snapshot stays: %s",
                    name, wanted, e.getMessage());
        }
    }

    private static boolean sameSplit(LiveSet live, Rollout rollout) {
        if (rollout == null) {
            return live.challenger().isEmpty();
        }
        return live.challenger().filter(c -> c.rolloutId().equals(rollout.id())
                && c.basisPoints() == rollout.basisPoints() && c.set().version() == rollout.challenger()).isPresent();
    }

    @PreDestroy
    void stop() {
        compiling.shutdownNow();
    }
}
