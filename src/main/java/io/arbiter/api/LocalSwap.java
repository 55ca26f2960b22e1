package io.arbiter.api;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for this node to take up a change already stored in the repository (an activation, a rollout step), so that
 * the caller's next request here sees it. Past the wait, a 503 problem: the change is stored, and the log says why
 * this node has not taken it up.
 */
final class LocalSwap {

    /** How long a change waits for this node before the answer says it is pending. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private LocalSwap() {
    }

    static void await(BooleanSupplier takenUp, String problemType, String title, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!takenUp.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new ProblemException(Problem.of(503, problemType, title, what + " is stored but this node has not"
                        + " taken it up within " + WAIT.toSeconds() + " s; see the service log"));
            }
            Thread.sleep(5);
        }
    }
}
