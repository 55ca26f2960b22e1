package io.arbiter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.arbiter.facts.CustomerFacts;
import io.arbiter.repository.ShippedBundles;

/** The guarantees the default decision set makes, checked over many random customers. */
class DecisionInvariantsTest {

    private static final int CUSTOMERS = 20_000;
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    private static final Set<String> MARKETING = Set.of("RETENTION_OFFER", "LOYALTY_REWARD");

    private static CompiledDecisionSet set;
    private final DecisionPipeline pipeline = new DecisionPipeline();

    @BeforeAll
    static void compile() throws Exception {
        set = new DecisionSetCompiler().compile(ShippedBundles.load("customer-value"), 1);
    }

    @Test
    void invariantsHoldForRandomCustomers() {
        RandomFacts random = new RandomFacts(20261122L);
        int fraud = 0;
        int pastDue = 0;
        int noConsent = 0;
        for (int i = 0; i < CUSTOMERS; i++) {
            CustomerFacts facts = random.next("c" + i);
            CustomerDecision decision = pipeline.decide(set, facts, AS_OF);
            List<String> types = decision.actions().stream().map(RecommendedAction::type).toList();
            String who = "customer " + facts + " got " + decision.valueTier() + "/" + decision.riskGrade() + " " + types;
            assertTrue(Set.of("PLATINUM", "GOLD", "SILVER", "BRONZE").contains(decision.valueTier()), who);
            assertTrue(Set.of("A", "B", "C", "D", "E").contains(decision.riskGrade()), who);
            if (!facts.consent().marketing()) {
                noConsent++;
                assertTrue(types.stream().noneMatch(MARKETING::contains), "marketing without consent: " + who);
            }
            if (facts.fraudFlag()) {
                fraud++;
                assertEquals("E", decision.riskGrade(), who);
                assertTrue(types.contains("RISK_REVIEW"), who);
                assertTrue(types.stream().noneMatch(MARKETING::contains), "marketing despite fraud: " + who);
            }
            if (facts.maxDaysPastDue() >= 30) {
                pastDue++;
                assertTrue(types.contains("COLLECTIONS"), who);
            }
        }
        assertFalse(fraud == 0 || pastDue == 0 || noConsent == 0, "the sample exercises every invariant");
    }

    @Test
    void explanationNamesTheRowsAndRulesThatDecided() {
        CustomerFacts facts = new RandomFacts(7L).next("explained");
        CustomerDecision decision = pipeline.decide(set, facts, AS_OF);
        assertEquals(Set.of("valueTier", "riskGrade"), Set.copyOf(decision.explanation().decisions().stream()
                .map(Explanation.TableMatch::decision).toList()));
        for (Explanation.TableMatch match : decision.explanation().decisions()) {
            assertEquals(1, match.matchedRules().size(), "one row decides a FIRST/UNIQUE table: " + match);
            assertFalse(match.annotations().isEmpty(), "every row says why it exists: " + match);
        }
        assertEquals(decision.actions().size(), decision.explanation().rulesFired().size(),
                "each fired rule recommends one action");
    }
}
