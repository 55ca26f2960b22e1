package io.arbiter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.event.AfterEvaluateDecisionEvent;
import org.kie.dmn.api.core.event.BeforeEvaluateDecisionEvent;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;

import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.engine.EvaluationBudgetExceededException.Reason;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.repository.ShippedBundles;

/**
 * The pipeline stops at its checkpoints: between the decisions of a slow DMN model, and in the middle of rules that
 * never settle, where the Drools session is halted and its pool keeps serving the next decisions. Assertions are
 * about which work ran and why it stopped, never about how long it took.
 */
class PipelineBudgetTest {

    private static final int DECISIONS = 40;
    /** For the rules, whose firings wait a fixed wall time. */
    private static final Duration BUDGET = Duration.ofMillis(300);
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    private static CompiledDecisionSet slowModel;
    private static CompiledDecisionSet spinning;
    private static CompiledDecisionSet shipped;
    /** When each decision of the slow model that succeeded began, in System.nanoTime() terms. */
    private static final List<Long> succeeded = new CopyOnWriteArrayList<>();
    /** A tenth of a whole run of the slow model on this machine. */
    private static Duration slowModelBudget;

    private final DecisionPipeline pipeline = new DecisionPipeline();

    @BeforeAll
    static void compile() throws Exception {
        slowModel = new DecisionSetCompiler().compile(SlowBundles.slowModelSet("slow-model", DECISIONS), 1);
        slowModel.dmnRuntime().addListener(new DMNRuntimeEventListener() {
            private final Map<String, Long> began = new ConcurrentHashMap<>();

            @Override
            public void beforeEvaluateDecision(BeforeEvaluateDecisionEvent event) {
                began.put(event.getDecision().getName(), System.nanoTime());
            }

            @Override
            public void afterEvaluateDecision(AfterEvaluateDecisionEvent event) {
                DMNDecisionResult result = event.getResult().getDecisionResultByName(event.getDecision().getName());
                if (result.getEvaluationStatus() == DMNDecisionResult.DecisionEvaluationStatus.SUCCEEDED) {
                    succeeded.add(began.get(event.getDecision().getName()));
                }
            }
        });
        slowModelBudget = fullRunOfTheSlowModel().dividedBy(10);
        spinning = new DecisionSetCompiler().compile(new DecisionSetBundle("spinning", SlowBundles.customerValueWith(
                "spinning", Map.of("spin.drl", SlowBundles.spinningRule()))), 1);
        shipped = new DecisionSetCompiler().compile(ShippedBundles.load("customer-value"), 1);
    }

    /**
     * The faster of two whole runs under a budget that allows them (warm, so a budget derived from it is not too
     * small): every decision ran, so it is the budget that stops the runs below.
     */
    private static Duration fullRunOfTheSlowModel() {
        long fastest = Long.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            succeeded.clear();
            long started = System.nanoTime();
            DecisionPipeline.DmnEvaluation all = EvaluationBudget.call(EvaluationBudget.perDecision(Duration.ofMinutes(5)),
                    () -> new DecisionPipeline().evaluateDmn(slowModel, Map.of()));
            fastest = Math.min(fastest, System.nanoTime() - started);
            assertEquals(DECISIONS, all.outputs().size());
            assertEquals(DECISIONS, succeeded.size());
        }
        return Duration.ofNanos(fastest);
    }

    @Test
    void aSlowModelStopsBetweenItsDecisionsWhenTheBudgetRunsOut() {
        succeeded.clear();
        EvaluationBudget budget = EvaluationBudget.perDecision(slowModelBudget);
        long deadlineAtTheLatest = System.nanoTime() + slowModelBudget.toNanos();
        EvaluationBudgetExceededException stop = assertThrows(EvaluationBudgetExceededException.class, () ->
                EvaluationBudget.call(budget, () -> pipeline.evaluateDmn(slowModel, Map.of())));
        assertEquals(Reason.PER_DECISION, stop.reason());
        assertEquals(slowModelBudget, stop.budget());
        assertTrue(stop.getMessage().startsWith("the evaluation exceeded its time budget of ")
                && stop.getMessage().endsWith(" per decision"), stop.getMessage());
        assertTrue(!succeeded.isEmpty() && succeeded.size() < DECISIONS,
                succeeded.size() + " of " + DECISIONS + " decisions ran");
        assertTrue(succeeded.stream().allMatch(began -> began - deadlineAtTheLatest < 0),
                "no decision began after the budget had run out");
    }

    @Test
    void aModelEvaluatedForItsStatusesReportsTheBudgetNotFailedDecisions() {
        CompiledModel model = slowModel.models().get(0);
        EvaluationBudgetExceededException stop = assertThrows(EvaluationBudgetExceededException.class, () ->
                EvaluationBudget.call(EvaluationBudget.inAll(slowModelBudget, Duration.ZERO),
                        () -> pipeline.evaluateModel(slowModel, model, null, Map.of())));
        assertEquals(Reason.IN_ALL, stop.reason());
        assertEquals(slowModelBudget, stop.budget());
    }

    @Test
    void rulesThatNeverSettleAreHaltedAndThePoolServesTheNextDecisions() {
        CustomerFacts spinner = new RandomFacts(3L).next(SlowBundles.SPIN_PREFIX + "1");
        // the budget, not the firing cap (a DecisionEvaluationException after 10,000 firings), stops it
        EvaluationBudgetExceededException stop = assertThrows(EvaluationBudgetExceededException.class, () ->
                EvaluationBudget.call(EvaluationBudget.perDecision(BUDGET), () -> pipeline.decide(spinning, spinner, AS_OF)));
        assertEquals(Reason.PER_DECISION, stop.reason());

        // The halted session went back to the pool; more decisions than the pool holds still fire every rule, and
        // none spins: a session that kept the halted customer's facts would spin until the firing cap.
        RandomFacts random = new RandomFacts(11L);
        int withActions = 0;
        for (int i = 0; i < 40; i++) {
            CustomerFacts facts = random.next("c-" + i);
            CustomerDecision expected = pipeline.decide(shipped, facts, AS_OF);
            CustomerDecision actual = EvaluationBudget.call(EvaluationBudget.perDecision(Duration.ofMinutes(1)),
                    () -> pipeline.decide(spinning, facts, AS_OF));
            assertEquals(codes(expected), codes(actual), facts.toString());
            assertEquals(expected.explanation().rulesFired(), actual.explanation().rulesFired());
            withActions += expected.actions().isEmpty() ? 0 : 1;
        }
        assertFalse(withActions == 0, "the sample has customers the rules act on");
    }

    @Test
    void theFiringCapStillStopsRulesThatNeverSettleWithoutABudget() throws Exception {
        String fast = """
                package io.arbiter.rules.loop;
                import io.arbiter.engine.rules.Customer;
                import io.arbiter.engine.rules.Assessment;
                rule "LOOP-01 Never settles"
                when
                    Customer( customerId.startsWith("%s") )
                    $a : Assessment()
                then
                    update( $a );
                end
                """.formatted(SlowBundles.SPIN_PREFIX);
        CompiledDecisionSet looping = new DecisionSetCompiler().compile(new DecisionSetBundle("looping",
                SlowBundles.customerValueWith("looping", Map.of("loop.drl", fast))), 1);
        DecisionEvaluationException capped = assertThrows(DecisionEvaluationException.class, () ->
                pipeline.decide(looping, new RandomFacts(5L).next(SlowBundles.SPIN_PREFIX + "2"), AS_OF));
        assertEquals(List.of("rules fired " + RuleRun.MAX_RULE_FIRINGS + " times without settling; stopped"),
                capped.messages());
    }

    private static List<String> codes(CustomerDecision decision) {
        return decision.actions().stream().map(RecommendedAction::code).toList();
    }
}
