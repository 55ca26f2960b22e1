package io.arbiter.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.repository.ShippedBundles;

/**
 * Rules that feed on their own results: each firing doubles a text, which fills the heap within some thirty firings,
 * long before the firing cap or a time budget. The guard stops the decision as soon as a fact grows past its bound,
 * names the rule, and the next decision on the same compiled set is unaffected.
 */
class FactSizeGuardTest {

    private static final String GROWING_ACTION = """
            package io.arbiter.rules.grow;
            import io.arbiter.engine.rules.*;
            rule "seed"
            when
                Customer()
                not Action( code == "GROW" )
            then
                insert(new Action("GROW", ActionType.SERVICE_CALL, ActionChannel.APP, 9, "0123456789abcdef"));
            end
            rule "grow"
            when
                Action( $r : reason, code == "GROW" )
            then
                insert(new Action("GROW", ActionType.SERVICE_CALL, ActionChannel.APP, 9, $r + $r));
            end
            """;
    private static final String GROWING_BOX = """
            package io.arbiter.rules.grow;
            import io.arbiter.engine.rules.*;
            declare Box
                s : String
                n : int
            end
            rule "seed"
            when
                Customer()
            then
                insert(new Box("0123456789abcdef", 0));
            end
            rule "grow"
            when
                Box( $s : s, $n : n )
            then
                insert(new Box($s.concat($s), $n + 1));
            end
            """;

    @ParameterizedTest
    @ValueSource(strings = {GROWING_ACTION, GROWING_BOX})
    void aRuleThatGrowsItsOwnFactsIsStopped(String drl) throws Exception {
        Map<String, String> files = new LinkedHashMap<>(ShippedBundles.load("customer-value").files());
        files.put("grow.drl", drl);
        files.put("customer-value.yaml", files.get("customer-value.yaml").replace("rules:\n", "rules:\n  - grow.drl\n"));
        CompiledDecisionSet set = new DecisionSetCompiler().compile(new DecisionSetBundle("customer-value", files), 2);
        DecisionPipeline pipeline = new DecisionPipeline();
        RandomFacts random = new RandomFacts(7);
        DecisionEvaluationException stopped = assertThrows(DecisionEvaluationException.class,
                () -> pipeline.decide(set, random.next("c-1"), LocalDate.of(2026, 6, 30)));
        assertTrue(stopped.messages().stream().anyMatch(m -> m.contains("rule 'grow' built a")
                && m.contains("characters (at most " + FactSizeGuard.MAX_TEXT + ")")), stopped.messages().toString());
        // the pooled session was released clean: the next customer is stopped the same way, not by leftovers
        DecisionEvaluationException again = assertThrows(DecisionEvaluationException.class,
                () -> pipeline.decide(set, random.next("c-2"), LocalDate.of(2026, 6, 30)));
        assertTrue(again.messages().get(0).contains("rule 'grow'"), again.messages().toString());
    }
}
