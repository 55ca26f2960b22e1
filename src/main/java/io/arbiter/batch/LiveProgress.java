package io.arbiter.batch;

import java.util.concurrent.atomic.AtomicLong;

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

    boolean proceed() {
        return !cancelled && !stopping;
    }
}
