package io.arbiter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

import io.arbiter.repository.ShippedBundles;

/** Runs leave nothing behind on the pooled sessions: no facts, and none of the listeners a run adds. */
class RuleRunTest {

    @Test
    void pooledSessionsComeBackWithoutFactsOrListeners() throws Exception {
        CompiledDecisionSet set = new DecisionSetCompiler().compile(ShippedBundles.load("customer-value"), 1);
        DecisionPipeline pipeline = new DecisionPipeline();
        RandomFacts random = new RandomFacts(5L);
        for (int i = 0; i < 50; i++) {
            pipeline.decide(set, random.next("run-" + i), LocalDate.of(2026, 6, 30));
        }
        KieSessionsPool pool = set.sessions().orElseThrow();
        // more sessions than the pool keeps, so every session a run used is among them
        List<KieSession> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                KieSession session = pool.newKieSession();
                sessions.add(session);
                assertEquals(0, session.getFactCount());
                assertTrue(session.getAgendaEventListeners().isEmpty(), "agenda listeners left");
                assertTrue(session.getRuleRuntimeEventListeners().isEmpty(), "rule runtime listeners left");
            }
        } finally {
            sessions.forEach(KieSession::dispose);
        }
    }
}
