package io.arbiter.repository;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.config.ArbiterConfig;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.store.DurableCaches;
import io.arbiter.validation.BundleValidator;
import io.arbiter.validation.ValidationCertificate;
import io.quarkus.runtime.StartupEvent;

/**
 * The decision sets shipped with the service (the default set and the RFM set), passed through the publication gate
 * on a thread of their own while the caches open, since neither needs the other. A first start stores each as its
 * version 1 ({@link DecisionRepository#bootstrap}); a later start whose active version has exactly the shipped files,
 * the usual case, takes this compile rather than compiling the stored files after the caches are open. The gate's
 * two costly stages, kie's DMN validator and the scenario suites, ran in the build's tests: with the certificate of
 * exactly these files ({@link ShippedBundles#certificate}) only the limits, the safety checks and the compile run
 * here; without one, the whole gate does. What start-up did not take is dropped once it is over.
 */
@ApplicationScoped
public class ShippedSets {

    /** A shipped set and what the gate made of it, as its version 1. */
    public record Prepared(DecisionSetBundle bundle, BundleValidator.ValidatedBundle validated) {
    }

    private static final Logger LOG = Logger.getLogger(ShippedSets.class);

    private final BundleValidator validator;
    private final List<String> names;
    private final Map<String, CompletableFuture<DecisionSetBundle>> loaded = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Prepared>> prepared = new ConcurrentHashMap<>();
    private final ExecutorService preparing = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "shipped-sets");
        thread.setDaemon(true);
        return thread;
    });

    ShippedSets(BundleValidator validator, ArbiterConfig config) {
        this.validator = validator;
        this.names = List.of(config.defaultDecisionSet(), config.analytics().rfmDecisionSet());
    }

    /** Runs before the caches open ({@link DurableCaches#OPENING}), so that the two overlap. */
    void prepare(@Observes @Priority(DurableCaches.OPENING - 1) StartupEvent event) {
        for (String name : names) {
            CompletableFuture<DecisionSetBundle> bundle = CompletableFuture.supplyAsync(() -> ShippedBundles.load(name),
                    preparing);
            loaded.put(name, bundle);
            prepared.put(name, bundle.thenApplyAsync(this::passGate, preparing));
        }
    }

    private Prepared passGate(DecisionSetBundle bundle) {
        Optional<ValidationCertificate> certificate = ShippedBundles.certificate(bundle.name());
        if (certificate.isEmpty()) {
            LOG.infof("decision set %s: no certificate of the shipped files, so the whole gate runs",
                    bundle.name());
        }
        return new Prepared(bundle, certificate.map(c -> validator.validate(bundle, 1, c))
                .orElseGet(() -> validator.validate(bundle, 1)));
    }

    /** The shipped sets' names, the default set first. */
    public List<String> names() {
        return names;
    }

    /** The shipped set through the gate as its version 1, once it is; it is handed out once. */
    public Prepared prepared(String name) {
        CompletableFuture<Prepared> ready = take(name);
        if (ready == null) {
            throw new IllegalStateException("the shipped set " + name + " was handed out already");
        }
        return join(ready);
    }

    /**
     * The shipped set's compile as {@code version} of the set, when that version has exactly the shipped files and
     * the compile was not handed out yet; empty otherwise, and when the work behind it failed or was stopped (then the
     * caller compiles the stored files, and reports what that compile finds).
     */
    Optional<CompiledDecisionSet> compiledAs(String name, long version, Map<String, String> files) {
        try {
            CompletableFuture<DecisionSetBundle> bundle = loaded.get(name);
            if (bundle == null || !join(bundle).files().equals(files)) {
                return Optional.empty();
            }
            CompletableFuture<Prepared> ready = take(name);
            return ready == null ? Optional.empty()
                    : join(ready).validated().compiled().map(set -> set.asVersion(version));
        } catch (RuntimeException e) {
            LOG.warnf("decision set %s: the shipped files' compile at start failed (%s); the stored files are compiled",
                    name, e.toString());
            return Optional.empty();
        }
    }

    private CompletableFuture<Prepared> take(String name) {
        loaded.remove(name);
        return prepared.remove(name);
    }

    /**
     * After every other start-up observer: a compile start-up did not take is not kept for later. Work already queued
     * still ends, so that nobody waiting for it waits for ever; the thread then ends.
     */
    void dropUntaken(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event) {
        preparing.shutdown();
        loaded.clear();
        prepared.clear();
    }

    /** When start-up failed before {@link #dropUntaken} (or the service stops during it). */
    @PreDestroy
    void stop() {
        preparing.shutdownNow();
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
