package io.arbiter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.arbiter.engine.EvaluationBudgetExceededException.Reason;

/** What a checkpoint decides under nested budgets, cancellation and interruption, and that a budget ends with its call. */
class EvaluationBudgetTest {

    private static final Duration LONG = Duration.ofHours(1);

    @Test
    void withoutABudgetACheckpointNeverStops() {
        EvaluationBudget.checkpoint();
        assertFalse(EvaluationBudget.exhausted());
        assertNull(EvaluationBudget.stop());
    }

    @Test
    void aSpentBudgetStopsAtTheCheckpointAndNamesItself() {
        EvaluationBudgetExceededException stop = assertThrows(EvaluationBudgetExceededException.class, () ->
                EvaluationBudget.run(EvaluationBudget.perDecision(Duration.ZERO), EvaluationBudget::checkpoint));
        assertEquals(Reason.PER_DECISION, stop.reason());
        assertEquals(Duration.ZERO, stop.budget());
        assertEquals("the evaluation exceeded its time budget of 0 ms per decision", stop.getMessage());
        EvaluationBudget.checkpoint();
    }

    @Test
    void nestedBudgetsTakeTheEarlierDeadline() {
        EvaluationBudgetExceededException outerFirst = assertThrows(EvaluationBudgetExceededException.class, () ->
                EvaluationBudget.run(EvaluationBudget.inAll(Duration.ofMinutes(15), Duration.ofMinutes(16)), () ->
                        EvaluationBudget.run(EvaluationBudget.perDecision(LONG), EvaluationBudget::checkpoint)));
        assertEquals(Reason.IN_ALL, outerFirst.reason());
        assertEquals("the evaluation exceeded its time budget of 15 min in all", outerFirst.getMessage());

        EvaluationBudgetExceededException innerFirst = assertThrows(EvaluationBudgetExceededException.class, () ->
                EvaluationBudget.run(EvaluationBudget.inAll(LONG, Duration.ZERO), () ->
                        EvaluationBudget.run(EvaluationBudget.perDecision(Duration.ofMillis(-1)), EvaluationBudget::checkpoint)));
        assertEquals(Reason.PER_DECISION, innerFirst.reason());

        // The outer budget is active again once the inner call has ended.
        EvaluationBudget.run(EvaluationBudget.inAll(LONG, Duration.ZERO), () -> {
            EvaluationBudget.run(EvaluationBudget.perDecision(LONG), EvaluationBudget::checkpoint);
            assertFalse(EvaluationBudget.exhausted());
        });
    }

    @Test
    void eitherCancellationCancels() {
        AtomicBoolean outer = new AtomicBoolean();
        AtomicBoolean inner = new AtomicBoolean();
        EvaluationBudget.run(EvaluationBudget.cancellable(outer::get), () ->
                EvaluationBudget.run(EvaluationBudget.cancellable(inner::get).and(EvaluationBudget.perDecision(LONG)), () -> {
                    assertFalse(EvaluationBudget.exhausted());
                    outer.set(true);
                    assertTrue(EvaluationBudget.exhausted());
                    outer.set(false);
                    inner.set(true);
                    EvaluationBudgetExceededException stop = EvaluationBudget.stop();
                    assertEquals(Reason.CANCELLED, stop.reason());
                    assertNull(stop.budget());
                    assertEquals("the evaluation was cancelled", stop.getMessage());
                }));
    }

    @Test
    void anInterruptedThreadIsCancelled() {
        try {
            Thread.currentThread().interrupt();
            EvaluationBudgetExceededException stop = assertThrows(EvaluationBudgetExceededException.class, () ->
                    EvaluationBudget.run(EvaluationBudget.perDecision(LONG), EvaluationBudget::checkpoint));
            assertEquals(Reason.CANCELLED, stop.reason());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is left for the thread's owner");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void budgetsAreWrittenAsPeopleWriteThem() {
        assertEquals("250 ms", EvaluationBudgetExceededException.describe(Duration.ofMillis(250)));
        assertEquals("1500 ms", EvaluationBudgetExceededException.describe(Duration.ofMillis(1500)));
        assertEquals("2 s", EvaluationBudgetExceededException.describe(Duration.ofSeconds(2)));
        assertEquals("90 s", EvaluationBudgetExceededException.describe(Duration.ofSeconds(90)));
        assertEquals("15 min", EvaluationBudgetExceededException.describe(Duration.ofMinutes(15)));
    }
}
