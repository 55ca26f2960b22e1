package io.arbiter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.arbiter.engine.alerts.AlertLevel;
import io.arbiter.engine.alerts.OutcomeChange;
import io.arbiter.repository.ShippedBundles;

/** The shipped alert rules, each on its case and its boundaries, compiled as a publication compiles them. */
class AlertRulesTest {

    private static CompiledDecisionSet set;

    @BeforeAll
    static void compile() throws Exception {
        set = new DecisionSetCompiler().compile(ShippedBundles.load("customer-value"), 1);
    }

    @Test
    void gradeBecomingEIsCriticalWhateverItWas() {
        for (String before : List.of("A", "B", "C", "D")) {
            List<RaisedAlert> raised = raise("GOLD", before, "GOLD", "E");
            assertEquals(List.of("RISK-E"), codes(raised), "from " + before + ": the most severe risk alert only");
            assertEquals(AlertLevel.CRITICAL, raised.get(0).level());
            assertEquals("RISK-E Risk grade became E", raised.get(0).rule());
            assertTrue(raised.get(0).message().contains("was " + before), raised.get(0).message());
        }
        assertEquals(List.of(), codes(raise("GOLD", "E", "SILVER", "E")), "already E: nothing new");
    }

    @Test
    void gradeBecomingDIsAWarningUnlessItImproved() {
        for (String before : List.of("A", "B", "C")) {
            assertEquals(List.of("RISK-D"), codes(raise("SILVER", before, "SILVER", "D")), "from " + before);
        }
        assertEquals(AlertLevel.WARNING, raise("SILVER", "C", "SILVER", "D").get(0).level());
        assertEquals(List.of(), codes(raise("SILVER", "E", "SILVER", "D")), "E to D is an improvement");
        assertEquals(List.of(), codes(raise("SILVER", "D", "GOLD", "D")), "stayed D");
    }

    @Test
    void aFallOfTwoStepsIsAWarningBelowD() {
        List<RaisedAlert> raised = raise("GOLD", "A", "GOLD", "C");
        assertEquals(List.of("RISK-DROP"), codes(raised));
        assertEquals(AlertLevel.WARNING, raised.get(0).level());
        assertTrue(raised.get(0).message().contains("fell 2 steps, from A to C"), raised.get(0).message());
        assertEquals(List.of(), codes(raise("GOLD", "A", "GOLD", "B")), "one step");
        assertEquals(List.of(), codes(raise("GOLD", "B", "GOLD", "C")), "one step");
        assertEquals(List.of("RISK-D"), codes(raise("GOLD", "B", "GOLD", "D")), "two steps to D: the D alert only");
    }

    @Test
    void aHighValueCustomerFallingToBronzeIsValueAtRisk() {
        for (String before : List.of("PLATINUM", "GOLD")) {
            List<RaisedAlert> raised = raise(before, "A", "BRONZE", "A");
            assertEquals(List.of("VALUE-DROP"), codes(raised), before);
            assertEquals(AlertLevel.WARNING, raised.get(0).level());
            assertTrue(raised.get(0).message().contains("from " + before + " to BRONZE"), raised.get(0).message());
        }
        assertEquals(List.of(), codes(raise("SILVER", "A", "BRONZE", "A")), "SILVER is not high value");
        assertEquals(List.of(), codes(raise("PLATINUM", "A", "SILVER", "A")), "not down to BRONZE");
    }

    @Test
    void aChangeMayRaiseARiskAndAValueAlertMostUrgentFirst() {
        assertEquals(List.of("RISK-E", "VALUE-DROP"), codes(raise("PLATINUM", "A", "BRONZE", "E")));
    }

    @Test
    void anImprovementRaisesNothing() {
        assertEquals(List.of(), codes(raise("BRONZE", "E", "PLATINUM", "A")));
        assertEquals(List.of(), codes(raise("SILVER", "D", "GOLD", "B")));
        assertEquals(List.of(), codes(raise("GOLD", "B", "GOLD", "B")), "only the actions changed");
    }

    @Test
    void aFirstDecisionAlertsOnlyOnAStartAtDOrE() {
        assertEquals(List.of("RISK-E"), codes(raise(null, null, "BRONZE", "E")));
        assertTrue(raise(null, null, "BRONZE", "E").get(0).message().contains("first decision"));
        assertEquals(List.of("RISK-D"), codes(raise(null, null, "GOLD", "D")));
        assertEquals(List.of(), codes(raise(null, null, "BRONZE", "C")), "no previous grade to fall from");
        assertEquals(List.of(), codes(raise(null, null, "BRONZE", "A")), "no previous tier to fall from");
    }

    @Test
    void gradeWorseningCountsStepsFromAToE() {
        assertEquals(3, change("GOLD", "B", "GOLD", "E").getGradeWorsening());
        assertEquals(0, change("GOLD", "E", "GOLD", "B").getGradeWorsening());
        assertEquals(0, change(null, null, "GOLD", "E").getGradeWorsening());
        assertEquals(0, change("GOLD", "X", "GOLD", "E").getGradeWorsening(), "not a grade of A to E");
    }

    @Test
    void aSetWithoutAlertRulesRaisesNothingAndTheBudgetHolds() throws Exception {
        CompiledDecisionSet rfm = new DecisionSetCompiler().compile(ShippedBundles.load("rfm-segments"), 1);
        assertEquals(List.of(), AlertRules.raise(rfm, change("GOLD", "A", "BRONZE", "E")));
        assertThrows(EvaluationBudgetExceededException.class, () -> EvaluationBudget.call(
                EvaluationBudget.perDecision(Duration.ZERO), () -> AlertRules.raise(set, change("GOLD", "A", "GOLD", "E"))));
    }

    private static List<RaisedAlert> raise(String tierBefore, String gradeBefore, String tier, String grade) {
        return AlertRules.raise(set, change(tierBefore, gradeBefore, tier, grade));
    }

    private static OutcomeChange change(String tierBefore, String gradeBefore, String tier, String grade) {
        return new OutcomeChange("customer-value", 1, tierBefore, gradeBefore,
                tierBefore == null ? null : List.of("LOY-01"), tier, grade, List.of("RSK-02"), null);
    }

    private static List<String> codes(List<RaisedAlert> raised) {
        return raised.stream().map(RaisedAlert::code).toList();
    }
}
