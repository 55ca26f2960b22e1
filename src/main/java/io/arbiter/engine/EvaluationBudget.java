package io.arbiter.engine;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.arbiter.engine.EvaluationBudgetExceededException.Reason;

/**
 * How long an evaluation may still run, and whether it is still wanted: a deadline and a cancellation signal,
 * active on the current thread for the duration of a call ({@link #call}, {@link #run}).
 *
 * <p>Java cannot stop a thread that is computing, and a published decision set is code an analyst wrote, so the
 * evaluation code checks the active budget at checkpoints where our code runs ({@link DecisionPipeline},
 * {@link BudgetCheckpoints}) and stops there with an {@link EvaluationBudgetExceededException}. Nested budgets
 * combine: the earlier deadline applies, and either cancellation cancels. Interrupting the thread cancels too. With
 * no budget active a checkpoint costs one thread-local read, which keeps the synchronous path's cost unchanged.
 */
public final class EvaluationBudget {

    private static final ThreadLocal<EvaluationBudget> ACTIVE = new ThreadLocal<>();
    private static final BooleanSupplier NEVER = () -> false;

    /** Which budget the deadline belongs to; null when there is no deadline. */
    private final Reason limit;
    private final Duration size;
    /** In {@link System#nanoTime()} terms. */
    private final long deadline;
    private final BooleanSupplier cancelled;

    private EvaluationBudget(Reason limit, Duration size, long deadline, BooleanSupplier cancelled) {
        this.limit = limit;
        this.size = size;
        this.deadline = deadline;
        this.cancelled = cancelled;
    }

    /** A budget for one decision, starting now. */
    public static EvaluationBudget perDecision(Duration size) {
        return new EvaluationBudget(Reason.PER_DECISION, size, System.nanoTime() + size.toNanos(), NEVER);
    }

    /** A budget for a whole run of decisions, of which {@code spent} was already used (a run resumed after a restart). */
    public static EvaluationBudget inAll(Duration size, Duration spent) {
        return new EvaluationBudget(Reason.IN_ALL, size, System.nanoTime() + size.minus(spent).toNanos(), NEVER);
    }

    /** No deadline: stops only when {@code cancelled} says so (or the thread is interrupted). */
    public static EvaluationBudget cancellable(BooleanSupplier cancelled) {
        return new EvaluationBudget(null, null, 0, cancelled);
    }

    /** This budget and {@code other} together: the earlier deadline, and cancelled when either is. */
    public EvaluationBudget and(EvaluationBudget other) {
        EvaluationBudget earlier = limit == null || (other.limit != null && other.deadline - deadline < 0) ? other : this;
        BooleanSupplier either = cancelled == NEVER ? other.cancelled : other.cancelled == NEVER ? cancelled
                : () -> cancelled.getAsBoolean() || other.cancelled.getAsBoolean();
        return new EvaluationBudget(earlier.limit, earlier.size, earlier.deadline, either);
    }

    /** Runs {@code work} on this thread under {@code budget}, within whatever budget is already active. */
    public static <T> T call(EvaluationBudget budget, Supplier<T> work) {
        EvaluationBudget outer = ACTIVE.get();
        ACTIVE.set(outer == null ? budget : outer.and(budget));
        try {
            return work.get();
        } finally {
            if (outer == null) {
                ACTIVE.remove();
            } else {
                ACTIVE.set(outer);
            }
        }
    }

    /** As {@link #call}, for work without a result. */
    public static void run(EvaluationBudget budget, Runnable work) {
        call(budget, () -> {
            work.run();
            return null;
        });
    }

    /** A checkpoint: throws when the budget active on this thread has run out or was cancelled. */
    public static void checkpoint() {
        EvaluationBudget active = ACTIVE.get();
        if (active != null) {
            EvaluationBudgetExceededException stop = active.exceeded();
            if (stop != null) {
                throw stop;
            }
        }
    }

    /**
     * Why the budget active on this thread stops the evaluation, or null while it may go on; for checkpoints inside
     * an engine, which must not throw but leave the engine by its own way out.
     */
    public static EvaluationBudgetExceededException stop() {
        EvaluationBudget active = ACTIVE.get();
        return active == null ? null : active.exceeded();
    }

    /** As {@link #stop()} != null, without building the exception. */
    public static boolean exhausted() {
        EvaluationBudget active = ACTIVE.get();
        return active != null && active.reason() != null;
    }

    private EvaluationBudgetExceededException exceeded() {
        Reason reason = reason();
        return reason == null ? null : new EvaluationBudgetExceededException(reason, reason == Reason.CANCELLED ? null : size);
    }

    private Reason reason() {
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            return Reason.CANCELLED;
        }
        if (limit != null && System.nanoTime() - deadline >= 0) {
            return limit;
        }
        return null;
    }
}
