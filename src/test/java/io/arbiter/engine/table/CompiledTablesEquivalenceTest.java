package io.arbiter.engine.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.LocalDate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.core.api.DMNExpressionEvaluator;
import org.kie.dmn.core.ast.DecisionNodeImpl;

import io.arbiter.engine.BudgetCheckpoints;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CompiledModel;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.engine.RandomFacts;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.repository.ShippedBundles;

/**
 * The shipped tables run from the compiled plan (through the models' direct plans in a customer's decision), and
 * decide exactly as kie-dmn's interpreter does: outputs, tier and grade, actions, and the whole explanation (rows,
 * annotations, rules fired, human review).
 */
class CompiledTablesEquivalenceTest {

    private static CompiledDecisionSet compiled;
    private static CompiledDecisionSet interpreted;
    private final DecisionPipeline pipeline = new DecisionPipeline();

    @BeforeAll
    static void compileBothWays() throws Exception {
        compiled = new DecisionSetCompiler(true).compile(ShippedBundles.load("customer-value"), 1);
        interpreted = new DecisionSetCompiler(false).compile(ShippedBundles.load("customer-value"), 1);
    }

    @Test
    void shippedTablesAreCompiled() {
        for (CompiledModel model : compiled.models()) {
            model.model().getDecisions().forEach(decision ->
                    assertInstanceOf(CompiledDecisionTable.class, behindCheckpoint(decision),
                            model.file() + " / " + decision.getName()));
        }
        for (CompiledModel model : interpreted.models()) {
            model.model().getDecisions().forEach(decision -> assertEquals(false,
                    behindCheckpoint(decision) instanceof CompiledDecisionTable));
        }
    }

    /** Every decision's evaluator is behind a budget checkpoint, either way of compiling. */
    private static DMNExpressionEvaluator behindCheckpoint(DecisionNode decision) {
        return assertInstanceOf(BudgetCheckpoints.Checkpoint.class, ((DecisionNodeImpl) decision).getEvaluator(),
                decision.getName()).evaluator();
    }

    @Test
    void sameOutcomeRowsAndRulesAsTheInterpreterForRandomCustomers() {
        RandomFacts random = new RandomFacts(424242L);
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        for (int i = 0; i < 20_000; i++) {
            CustomerFacts facts = random.next("eq-" + i);
            CustomerDecision fast = pipeline.decide(compiled, facts, asOf);
            CustomerDecision reference = pipeline.decide(interpreted, facts, asOf);
            assertEquals(reference.outputs(), fast.outputs(), facts.toString());
            assertEquals(reference.valueTier(), fast.valueTier(), facts.toString());
            assertEquals(reference.riskGrade(), fast.riskGrade(), facts.toString());
            assertEquals(reference.humanReviewRequired(), fast.humanReviewRequired(), facts.toString());
            assertEquals(reference.actions(), fast.actions(), facts.toString());
            assertEquals(reference.explanation(), fast.explanation(), facts.toString());
        }
    }
}
