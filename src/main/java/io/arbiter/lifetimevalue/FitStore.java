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
 * atomic update of the pointer, so two fits asked for at once never share one. The two caches cannot be written in
 * one step, so the pointer is the one source of which fit is current: it holds that fit as completed, and a reader
 * sees the pointer's copy of it ahead of its record, which is rewritten after the switch (and at start, after a
 * crash in between). Started with the service, so that its caches are never created from inside another cache's
 * update.
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
                p -> p == null ? new ModelPointer(1, 0, null)
                        : new ModelPointer(p.latest() + 1, p.current(), p.currentFit())).latest();
    }

    public void save(StoredFit fit) {
        fits.put(Long.toString(fit.id()), fit);
    }

    public Optional<StoredFit> find(long id) {
        StoredFit current = pointerFit();
        return current != null && current.id() == id ? Optional.of(current)
                : Optional.ofNullable(fits.get(Long.toString(id)));
    }

    /** The fits, newest first. */
    public List<StoredFit> all() {
        StoredFit current = pointerFit();
        return fits.values().stream().map(fit -> current != null && current.id() == fit.id() ? current : fit)
                .sorted(Comparator.comparingLong(StoredFit::id).reversed()).toList();
    }

    public long currentId() {
        ModelPointer p = pointer.get(POINTER);
        return p == null ? 0 : p.current();
    }

    /** The fit customers are scored with; empty when there is none (or it is not completed). */
    public Optional<StoredFit> current() {
        ModelPointer p = pointer.get(POINTER);
        if (p == null || p.current() == 0) {
            return Optional.empty();
        }
        // a pointer stored before it held the fit names only its id
        StoredFit fit = p.currentFit() != null ? p.currentFit() : fits.get(Long.toString(p.current()));
        return Optional.ofNullable(fit).filter(f -> f.status() == FitStatus.COMPLETED);
    }

    /**
     * Makes a completed fit the one customers are scored with: the pointer switches to it and holds it, then its
     * record is written as completed (a fit that completes now; an earlier one's record already is).
     */
    public void makeCurrent(StoredFit completed) {
        if (completed.status() != FitStatus.COMPLETED) {
            throw new FitNotCompletedException(completed);
        }
        long id = completed.id();
        AtomicUpdates.update(pointer, POINTER,
                p -> new ModelPointer(p == null ? id : Math.max(p.latest(), id), id, completed));
        save(completed);
    }

    /**
     * After a crash between a fit's switch and the rewrite of its record: the record is written as the pointer holds
     * it, before anything reads the records alone (the restart's check for fits it interrupted).
     */
    public void restoreCurrentRecord() {
        StoredFit current = pointerFit();
        if (current != null && !current.equals(fits.get(Long.toString(current.id())))) {
            save(current);
        }
    }

    private StoredFit pointerFit() {
        ModelPointer p = pointer.get(POINTER);
        return p == null ? null : p.currentFit();
    }
}
