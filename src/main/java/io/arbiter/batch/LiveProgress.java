package io.arbiter.batch;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of a job running on this node, between checkpoints; read by progress requests. */
final class LiveProgress {

    /** Customers walked since this run (or resumed run) began: the rate. */
    final AtomicLong scanned = new AtomicLong();
    /** Customers walked in segments not yet checkpointed: added to the checkpoint's count for progress. */
    final AtomicLong uncheckpointed = new AtomicLong();
    final long startedNanos = System.nanoTime();
    volatile boolean cancelled;
    /** The service is stopping: leave the job as stored, to be resumed at the next start. */
    volatile boolean stopping;
    /** Why the job fails, once something made it fail; the first reason wins. */
    private final AtomicReference<String> failure = new AtomicReference<>();

    /** The job fails: every worker stops at its next checkpoint. */
    void fail(String reason) {
        failure.compareAndSet(null, reason);
    }

    String failure() {
        return failure.get();
    }

    /** Whether the workers go on; read at every checkpoint of their evaluations. */
    boolean proceed() {
        return !cancelled && !stopping && failure.get() == null;
    }
}
