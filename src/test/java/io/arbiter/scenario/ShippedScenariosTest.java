package io.arbiter.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.repository.ShippedBundles;

/** The shipped decision set passes its own scenario suites, and the suites exercise every table row and rule. */
class ShippedScenariosTest {

    /** The configured defaults. */
    private static final ScenarioRunner.Budgets BUDGETS = new ScenarioRunner.Budgets(Duration.ofSeconds(5), Duration.ofMinutes(2));

    private static CompiledDecisionSet set;
    private static List<ScenarioSuite> suites;

    @BeforeAll
    static void compile() throws Exception {
        DecisionSetBundle bundle = ShippedBundles.load("customer-value");
        set = new DecisionSetCompiler().compile(bundle, 1);
        suites = new ArrayList<>();
        for (String file : set.manifest().scenarios()) {
            suites.add(ScenarioSuite.parse(file, bundle.files().get(file)));
        }
    }

    @Test
    void everyScenarioPasses() {
        ScenarioRunner.ScenarioRun report = new ScenarioRunner(new DecisionPipeline(), Clock.systemUTC(), BUDGETS).run(set, suites);
        assertFalse(report.cases().isEmpty(), "the shipped set has scenarios");
        String failures = report.cases().stream()
                .filter(c -> !c.passed())
                .map(c -> c.scenario() + ": " + c.failures())
                .collect(Collectors.joining("\n"));
        assertEquals("", failures);
    }

    @Test
    void scenariosCoverEveryTableRowAndEveryRule() {
        ScenarioRunner.ScenarioRun report = new ScenarioRunner(new DecisionPipeline(), Clock.systemUTC(), BUDGETS).run(set, suites);
        assertTrue(report.uncoveredRows().isEmpty(), "rows no scenario matches: " + report.uncoveredRows());
        assertTrue(report.uncoveredRules().isEmpty(), "rules no scenario fires: " + report.uncoveredRules());
    }
}
