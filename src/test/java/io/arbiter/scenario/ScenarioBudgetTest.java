package io.arbiter.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.engine.SlowBundles;

/**
 * A suite whose cases do not terminate: each fails with the budget it exceeded, a case that terminates still passes
 * after them, and once the run's budget is spent the remaining cases are reported as not run.
 */
class ScenarioBudgetTest {

    private static final int SPINNING_CASES = 20;
    private static final ScenarioRunner.Budgets BUDGETS =
            new ScenarioRunner.Budgets(Duration.ofMillis(300), Duration.ofSeconds(2));
    private static final String PER_CASE = "the evaluation exceeded its time budget of 300 ms per decision";
    private static final String IN_ALL = "the evaluation exceeded its time budget of 2 s in all";

    @Test
    void casesOverTheirBudgetFailWithItAndTheRunStopsWhenItsBudgetIsSpent() throws Exception {
        CompiledDecisionSet set = new DecisionSetCompiler().compile(new DecisionSetBundle("spinning",
                SlowBundles.customerValueWith("spinning", Map.of("spin.drl", SlowBundles.spinningRule()))), 1);
        StringBuilder yaml = new StringBuilder("""
                asOf: 2026-06-30
                defaults: {segment: RETAIL, country: DE, joinedOn: 2020-01-15, consent: {marketing: true, profiling: true},
                           recencyDays: 10, frequency12m: 12, monetary12m: 1500.00, clv: 4000.00, pAlive: 0.9,
                           maxDaysPastDue: 0, missedPayments12m: 0, chargebacks12m: 0, complaints90d: 0,
                           fraudFlag: false, creditUtilization: 0.3, lastContactDays: 20}
                scenarios:
                  - {name: spins first, facts: {customerId: %s0}, expect: {valueTier: BRONZE}}
                  - {name: terminates, facts: {customerId: ordinary}, expect: {valueTier: BRONZE, riskGrade: A, actionCodes: []}}
                """.formatted(SlowBundles.SPIN_PREFIX));
        for (int i = 1; i <= SPINNING_CASES; i++) {
            yaml.append("  - {name: spins %d, facts: {customerId: %s%d}, expect: {valueTier: BRONZE}}\n"
                    .formatted(i, SlowBundles.SPIN_PREFIX, i));
        }
        ScenarioSuite suite = ScenarioSuite.parse("spinning.yaml", yaml.toString());

        List<ScenarioRunner.CaseResult> cases = new ScenarioRunner(new DecisionPipeline(), Clock.systemUTC(), BUDGETS)
                .run(set, List.of(suite)).cases();

        assertEquals(SPINNING_CASES + 2, cases.size());
        assertEquals(List.of(PER_CASE), cases.get(0).failures(), "the first case starts long before the run's budget ends");
        assertTrue(cases.get(1).passed(), cases.get(1).failures().toString());
        int stoppedAt = -1;
        for (int i = 2; i < cases.size(); i++) {
            List<String> failures = cases.get(i).failures();
            if (stoppedAt < 0 && failures.equals(List.of(IN_ALL))) {
                stoppedAt = i;
            } else if (stoppedAt < 0) {
                assertEquals(List.of(PER_CASE), failures, cases.get(i).scenario());
            } else {
                assertEquals(List.of("not run: the scenario run stopped when " + IN_ALL), failures, cases.get(i).scenario());
            }
        }
        // Each spinning case takes its 300 ms, so at most about 2 s / 300 ms of them fit in the run's budget.
        assertTrue(stoppedAt > 0 && stoppedAt <= 2 + 2_000 / 300, "the run's budget stopped it at case " + stoppedAt);
        assertFalse(stoppedAt == cases.size() - 1, "cases were left unrun");
    }
}
