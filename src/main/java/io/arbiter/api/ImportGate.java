package io.arbiter.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import io.arbiter.config.ArbiterConfig;

/**
 * Admits NDJSON imports: at most {@code arbiter.http.max-concurrent-imports} run at once on a node, each body held to
 * the minimum pace. An import holds a worker thread for as long as its body streams in; unbounded, slow uploads took
 * every worker, and every evaluation waited behind them. One over the bound is refused before its body is read.
 */
@ApplicationScoped
public class ImportGate {

    /** An import's work over its (paced) body. */
    @FunctionalInterface
    interface Import<T> {
        T run(InputStream body) throws IOException;
    }

    private final Semaphore slots;
    private final int maxConcurrent;
    private final BodyPace pace;

    ImportGate(ArbiterConfig config) {
        this.maxConcurrent = config.maxConcurrentImports();
        this.slots = new Semaphore(maxConcurrent);
        this.pace = BodyPace.of(config);
    }

    <T> T admit(InputStream body, Import<T> work) {
        if (!slots.tryAcquire()) {
            throw new ProblemException(Problem.of(503, "imports-busy", "Too many imports at once", maxConcurrent
                    + " imports are running on this node; retry when one has finished"), RETRY_AFTER_SECONDS);
        }
        try {
            return work.run(pace.applyTo(body));
        } catch (IOException e) {
            throw new ProblemException(BodyPace.problem(e));
        } finally {
            slots.release();
        }
    }

    private static final int RETRY_AFTER_SECONDS = 5;
}
