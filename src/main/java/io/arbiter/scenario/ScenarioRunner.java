package io.arbiter.scenario;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CompiledModel;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.DecisionEvaluationException;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.EvaluationBudget;
import io.arbiter.engine.EvaluationBudgetExceededException;
import io.arbiter.engine.Explanation;
import io.arbiter.engine.RecommendedAction;
import io.arbiter.facts.FactsParser;

/**
 * Runs scenario suites against a compiled decision set through the same pipeline as every other evaluation, and
 * reports each case's mismatches and which decision-table rows and rules the suites never exercised. Each case runs
 * under a time budget and the whole run under another: a case over its budget fails with the reason, and once the
 * run's budget is spent the remaining cases fail as not run, so a version that does not terminate is rejected.
 */
public final class ScenarioRunner {

    /** The result of one case: empty {@code failures} means it passed. */
    public record CaseResult(String suite, String scenario, List<String> failures) {
        @JsonProperty
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    /** A run of suites: every case's result, how many passed and failed, and the rows and rules no case reached. */
    public record ScenarioRun(List<CaseResult> cases, Set<String> uncoveredRows, Set<String> uncoveredRules) {
        @JsonProperty
        public int passed() {
            return (int) cases.stream().filter(CaseResult::passed).count();
        }

        @JsonProperty
        public int failed() {
            return cases.size() - passed();
        }
    }

    /** How long one case (one decision) and the whole run may take. */
    public record Budgets(Duration perCase, Duration inAll) {
    }

    private final DecisionPipeline pipeline;
    private final FactsParser parser;
    private final Budgets budgets;

    public ScenarioRunner(DecisionPipeline pipeline, Clock clock, Budgets budgets) {
        this.pipeline = pipeline;
        this.parser = new FactsParser(clock);
        this.budgets = budgets;
    }

    public ScenarioRun run(CompiledDecisionSet set, List<ScenarioSuite> suites) {
        List<CaseResult> cases = new ArrayList<>();
        Set<String> rowsHit = new TreeSet<>();
        Set<String> rulesFired = new TreeSet<>();
        EvaluationBudget run = EvaluationBudget.inAll(budgets.inAll(), Duration.ZERO);
        String stopped = null;
        for (ScenarioSuite suite : suites) {
            for (ScenarioSuite.Scenario scenario : suite.scenarios()) {
                if (stopped != null) {
                    cases.add(new CaseResult(suite.file(), scenario.name(), List.of("not run: " + stopped)));
                    continue;
                }
                try {
                    cases.add(EvaluationBudget.call(run.and(EvaluationBudget.perDecision(budgets.perCase())),
                            () -> runCase(set, suite, scenario, rowsHit, rulesFired)));
                } catch (EvaluationBudgetExceededException e) {
                    cases.add(new CaseResult(suite.file(), scenario.name(), List.of(e.getMessage())));
                    if (e.reason() != EvaluationBudgetExceededException.Reason.PER_DECISION) {
                        stopped = "the scenario run stopped when " + e.getMessage();
                    }
                }
            }
        }
        Set<String> uncoveredRows = new TreeSet<>();
        for (CompiledModel model : set.models()) {
            for (String row : model.rowAnnotations().keySet()) {
                if (!rowsHit.contains(model.name() + "/" + row)) {
                    uncoveredRows.add(model.name() + "/" + row);
                }
            }
        }
        Set<String> uncoveredRules = new TreeSet<>();
        set.rules().ifPresent(kieBase -> kieBase.getKiePackages().forEach(pkg -> pkg.getRules().forEach(rule -> {
            if (!rulesFired.contains(rule.getName())) {
                uncoveredRules.add(rule.getName());
            }
        })));
        return new ScenarioRun(List.copyOf(cases), uncoveredRows, uncoveredRules);
    }

    private CaseResult runCase(CompiledDecisionSet set, ScenarioSuite suite, ScenarioSuite.Scenario scenario,
                               Set<String> rowsHit, Set<String> rulesFired) {
        List<String> failures = new ArrayList<>();
        FactsParser.Result facts = parser.parse(scenario.facts());
        if (!facts.valid()) {
            facts.errors().forEach(e -> failures.add("facts " + e.pointer() + " " + e.message()));
            return new CaseResult(suite.file(), scenario.name(), failures);
        }
        CustomerDecision decision;
        try {
            decision = pipeline.decide(set, facts.facts(), suite.asOf());
        } catch (DecisionEvaluationException e) {
            failures.add("evaluation failed: " + String.join("; ", e.messages()));
            return new CaseResult(suite.file(), scenario.name(), failures);
        } catch (EvaluationBudgetExceededException e) {
            throw e;
        } catch (RuntimeException e) {
            // whatever else a candidate does wrong is this case's failure, never the publication's server error
            failures.add("evaluation failed: " + e);
            return new CaseResult(suite.file(), scenario.name(), failures);
        }
        for (Explanation.TableMatch match : decision.explanation().decisions()) {
            match.matchedRules().forEach(row -> rowsHit.add(match.model() + "/" + row));
        }
        rulesFired.addAll(decision.explanation().rulesFired());
        expect(failures, "valueTier", scenario.expectedValueTier(), decision.valueTier());
        expect(failures, "riskGrade", scenario.expectedRiskGrade(), decision.riskGrade());
        if (scenario.expectedActionTypes() != null) {
            expect(failures, "actionTypes", new TreeSet<>(scenario.expectedActionTypes()),
                    new TreeSet<>(decision.actions().stream().map(RecommendedAction::type).toList()));
        }
        if (scenario.expectedActionCodes() != null) {
            expect(failures, "actionCodes", new TreeSet<>(scenario.expectedActionCodes()),
                    new TreeSet<>(decision.actions().stream().map(RecommendedAction::code).toList()));
        }
        return new CaseResult(suite.file(), scenario.name(), failures);
    }

    private static void expect(List<String> failures, String what, Object expected, Object actual) {
        if (expected != null && !Objects.equals(expected, actual)) {
            failures.add(what + ": expected " + expected + " but was " + actual);
        }
    }
}
