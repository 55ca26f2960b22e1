package io.arbiter.lifetimevalue;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import org.infinispan.Cache;

import io.arbiter.store.AtomicUpdates;

/**
 * The stored lifetime-value fits by id and the pointer naming the latest and the current one. Ids come from an
 * atomic update of the pointer, so two fits asked for at once never share one. Started with the service, so that
 * its caches are never created from inside another cache's update.
 */
@Startup
@ApplicationScoped
public class FitStore {

    private static final String POINTER = "clv";

    private final Cache<String, StoredFit> fits;
    private final Cache<String, ModelPointer> pointer;

    FitStore(FitCaches caches) {
        this.fits = caches.fits();
        this.pointer = caches.pointer();
    }

    public long nextId() {
        return AtomicUpdates.update(pointer, POINTER,
                p -> p == null ? new ModelPointer(1, 0) : new ModelPointer(p.latest() + 1, p.current())).latest();
    }

    public void save(StoredFit fit) {
        fits.put(Long.toString(fit.id()), fit);
    }

    public Optional<StoredFit> find(long id) {
        return Optional.ofNullable(fits.get(Long.toString(id)));
    }

    /** The fits, newest first. */
    public List<StoredFit> all() {
        return fits.values().stream().sorted(Comparator.comparingLong(StoredFit::id).reversed()).toList();
    }

    public long currentId() {
        ModelPointer p = pointer.get(POINTER);
        return p == null ? 0 : p.current();
    }

    /** Makes a completed fit the one customers are scored with. */
    public void makeCurrent(long id) {
        AtomicUpdates.update(pointer, POINTER, p -> new ModelPointer(p == null ? id : Math.max(p.latest(), id), id));
    }
}
