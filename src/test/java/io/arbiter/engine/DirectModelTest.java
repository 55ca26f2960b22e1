package io.arbiter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;

import io.arbiter.facts.CustomerFacts;
import io.arbiter.repository.ShippedBundles;

/**
 * The shipped models are evaluated by their direct plans, which agree with kie-dmn evaluating the same compiled
 * tables and hand every case they do not cover (a wrong type, a missing input, a decision given as input, another
 * listener) to kie, whose answer is then the one given.
 */
class DirectModelTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    private static CompiledDecisionSet compiled;
    private static CompiledDecisionSet interpreted;
    private final DecisionPipeline pipeline = new DecisionPipeline();

    @BeforeAll
    static void compileBothWays() throws Exception {
        compiled = new DecisionSetCompiler(true).compile(ShippedBundles.load("customer-value"), 1);
        interpreted = new DecisionSetCompiler(false).compile(ShippedBundles.load("customer-value"), 1);
    }

    @Test
    void shippedModelsHaveDirectPlansOnlyWithCompiledTables() {
        compiled.models().forEach(model -> assertTrue(model.direct().isPresent(), model.file()));
        interpreted.models().forEach(model -> assertTrue(model.direct().isEmpty(), model.file()));
    }

    /** The direct plans against kie-dmn evaluating the same models (compiled tables inside kie) model by model. */
    @Test
    void sameOutputsStatusesAndRowsAsKieForRandomCustomers() {
        RandomFacts random = new RandomFacts(7_070_707L);
        for (int i = 0; i < 20_000; i++) {
            CustomerFacts facts = random.next("direct-" + i);
            Map<String, Object> inputs = CustomerSets.inputs(facts, CustomerSets.tenureMonths(facts, AS_OF));
            for (CompiledModel model : compiled.models()) {
                assertTrue(model.direct().orElseThrow().evaluate(inputs) != null, facts.toString());
            }
            assertEquals(byKie(inputs), pipeline.evaluateDmn(compiled, inputs), facts.toString());
        }
    }

    private DecisionPipeline.DmnEvaluation byKie(Map<String, Object> inputs) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        List<DecisionPipeline.DecisionStatus> statuses = new ArrayList<>();
        List<Explanation.TableMatch> matches = new ArrayList<>();
        for (CompiledModel model : compiled.models()) {
            DecisionPipeline.DmnEvaluation one = pipeline.evaluateScope(compiled, model, ModelScope.ALL, inputs);
            outputs.putAll(one.outputs());
            statuses.addAll(one.decisionResults());
            matches.addAll(one.tableMatches());
        }
        return new DecisionPipeline.DmnEvaluation(outputs, statuses, matches);
    }

    @Test
    void aWrongTypedInputIsKiesErrorNotAGuess() {
        Map<String, Object> inputs = inputs();
        inputs.put("clv", "5200");
        assertNull(compiled.models().get(0).direct().orElseThrow().evaluate(inputs));
        DecisionEvaluationException fast = assertThrows(DecisionEvaluationException.class,
                () -> pipeline.evaluateDmn(compiled, inputs));
        DecisionEvaluationException reference = assertThrows(DecisionEvaluationException.class,
                () -> pipeline.evaluateDmn(interpreted, inputs));
        assertEquals(reference.messages(), fast.messages());
        assertTrue(fast.messages().get(0).contains("clv"), fast.messages().toString());
    }

    @Test
    void aMissingInputOrADecisionGivenAsInputIsLeftToKie() {
        Map<String, Object> missing = inputs();
        missing.remove("recencyDays");
        Map<String, Object> given = inputs();
        given.put("valueTier", "PLATINUM");
        for (Map<String, Object> inputs : List.of(missing, given)) {
            assertNull(compiled.models().get(0).direct().orElseThrow().evaluate(inputs), inputs.toString());
            assertEquals(outcome(interpreted, inputs), outcome(compiled, inputs), inputs.toString());
        }
    }

    /** What evaluateDmn gives: its evaluation, or the messages of its failure. */
    private Object outcome(CompiledDecisionSet set, Map<String, Object> inputs) {
        try {
            return pipeline.evaluateDmn(set, inputs);
        } catch (DecisionEvaluationException e) {
            return e.messages();
        }
    }

    @Test
    void anotherListenerSeesEveryEvaluationFromKie() throws Exception {
        CompiledDecisionSet set = new DecisionSetCompiler(true).compile(ShippedBundles.load("customer-value"), 1);
        List<String> tables = new ArrayList<>();
        DMNRuntimeEventListener listener = new DMNRuntimeEventListener() {
            @Override
            public void afterEvaluateDecisionTable(org.kie.dmn.api.core.event.AfterEvaluateDecisionTableEvent event) {
                tables.add(event.getNodeName());
            }
        };
        set.dmnRuntime().addListener(listener);
        assertNull(set.models().get(0).direct().orElseThrow().evaluate(inputs()));
        assertEquals(pipeline.evaluateDmn(compiled, inputs()), pipeline.evaluateDmn(set, inputs()));
        assertEquals(List.of("valueTier", "riskGrade"), tables);
    }

    @Test
    void anExhaustedBudgetStopsTheDirectPlan() {
        EvaluationBudgetExceededException stop = assertThrows(EvaluationBudgetExceededException.class, () ->
                EvaluationBudget.call(EvaluationBudget.perDecision(Duration.ZERO),
                        () -> compiled.models().get(0).direct().orElseThrow().evaluate(inputs())));
        assertEquals(EvaluationBudgetExceededException.Reason.PER_DECISION, stop.reason());
    }

    private static Map<String, Object> inputs() {
        CustomerFacts facts = new RandomFacts(11L).next("direct-typed");
        return new HashMap<>(CustomerSets.inputs(facts, CustomerSets.tenureMonths(facts, AS_OF)));
    }
}
