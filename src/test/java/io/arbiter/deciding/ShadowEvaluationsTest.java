package io.arbiter.deciding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.Arm;
import io.arbiter.engine.Challenger;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.RolloutMode;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.FactsParser;
import io.arbiter.monitoring.OutcomeCounts;
import io.arbiter.monitoring.OutcomeMonitor;
import io.arbiter.monitoring.OutcomeTallies;
import io.arbiter.monitoring.Scopes;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A shadow's challenger decides on its own bounded queue: when the queue is full, evaluations are dropped and counted
 * rather than waited for, and every evaluation submitted is either compared or counted as dropped.
 */
@QuarkusTest
class ShadowEvaluationsTest {

    @Inject
    DecisionPipeline pipeline;
    @Inject
    OutcomeMonitor monitor;
    @Inject
    OutcomeTallies tallies;
    @Inject
    ActiveDecisionSets active;
    @Inject
    FactsParser parser;

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        CompiledDecisionSet set = active.get("customer-value").orElseThrow();
        CustomerFacts facts = parser.parse(new ObjectMapper().readTree("""
                {"customerId": "shadowed", "segment": "RETAIL", "country": "DE", "joinedOn": "2019-03-01",
                 "consent": {"marketing": true, "profiling": true}, "recencyDays": 12, "frequency12m": 14,
                 "monetary12m": 1830.50, "maxDaysPastDue": 0, "missedPayments12m": 0, "chargebacks12m": 0,
                 "complaints90d": 0, "fraudFlag": false}
                """)).facts();
        CustomerDecision champion = pipeline.decide(set, facts, LocalDate.now());
        Challenger shadow = new Challenger(UUID.randomUUID().toString(), RolloutMode.SHADOW, 0, set);
        ShadowEvaluations oneAtATime = new ShadowEvaluations(pipeline, monitor, Duration.ofSeconds(2), 1, 1);
        int submitted = 500;
        try {
            for (int i = 0; i < submitted; i++) {
                oneAtATime.submit(shadow, facts, champion, LocalDate.now());
            }
            OutcomeCounts counts = tallies.read(Scopes.rollout(shadow.rolloutId(), Arm.CHALLENGER));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (counts.decisions() + counts.dropped() < submitted && System.nanoTime() < deadline) {
                Thread.sleep(20);
                counts = tallies.read(Scopes.rollout(shadow.rolloutId(), Arm.CHALLENGER));
            }
            assertEquals(submitted, counts.decisions() + counts.dropped(), "each one compared or dropped: " + counts);
            // a policy that waits for room, or runs the evaluation on the caller, would drop none
            assertTrue(counts.dropped() > 0, "one thread and a queue of one cannot keep up: " + counts);
            assertTrue(counts.decisions() > 0, counts.toString());
            assertEquals(counts.decisions(), counts.tierMoves().values().stream().mapToLong(Long::longValue).sum(),
                    "each compared decision is a move from the champion's tier (here, to the same)");
        } finally {
            oneAtATime.stop();
        }
    }
}
