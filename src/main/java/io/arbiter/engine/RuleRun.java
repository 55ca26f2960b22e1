package io.arbiter.engine;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;

/**
 * One run of a set's compiled rules (decision rules or alert rules) on a pooled session, under the budget active on
 * the thread: the facts go in, the rules fire (at most {@link #MAX_RULE_FIRINGS} times), and what they concluded
 * comes out with the rule that inserted each. A rule that throws, a budget that runs out, a fact over the size bounds
 * ({@link FactSizeGuard}) and rules that do not settle each fail the run.
 */
final class RuleRun {

    /**
     * A runaway rule set (a rule that keeps re-activating itself) is stopped after this many firings, whatever
     * the budget; the budget also stops firings that are few but slow.
     */
    static final int MAX_RULE_FIRINGS = 10_000;

    /** A fact of the concluded type left in the session, and the rule that inserted it (null: inserted as input). */
    record Concluded<T>(T fact, String rule) {
    }

    private RuleRun() {
    }

    static <T> List<Concluded<T>> fire(CompiledDecisionSet set, KieSessionsPool pool, List<Object> facts,
                                       Class<T> concluded, List<String> rulesFired) {
        KieSession session = pool.newKieSession();
        FiredRules listener = new FiredRules(session, rulesFired);
        FactSizeGuard guard = new FactSizeGuard(session);
        Insertions insertions = new Insertions();
        session.addEventListener(listener);
        session.addEventListener(guard);
        session.addEventListener(insertions);
        try {
            int fired;
            try {
                facts.forEach(session::insert);
                fired = session.fireAllRules(MAX_RULE_FIRINGS);
            } catch (RuntimeException e) {
                // a condition or consequence that throws (a division by zero, a null) fails this run, and only it
                throw new DecisionEvaluationException(set.name(), set.version(), List.of("the rules failed: "
                        + failure(e)));
            }
            if (listener.stop != null) {
                throw listener.stop;
            }
            if (guard.violation() != null) {
                throw new DecisionEvaluationException(set.name(), set.version(), List.of(guard.violation()));
            }
            EvaluationBudget.checkpoint();
            if (fired >= MAX_RULE_FIRINGS) {
                throw new DecisionEvaluationException(set.name(), set.version(),
                        List.of("rules fired " + fired + " times without settling; stopped"));
            }
            List<Concluded<T>> result = new ArrayList<>();
            for (Object object : session.getObjects(concluded::isInstance)) {
                result.add(new Concluded<>(concluded.cast(object), insertions.rules.get(object)));
            }
            return result;
        } finally {
            // back to the pool, whose reset clears the session's facts, agenda and event listeners (these three too)
            session.dispose();
        }
    }

    /** Drools' own message (it names the rule) and the exception underneath. */
    private static String failure(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        String cause = root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
        return root == e ? cause : outer + " (" + cause + ")";
    }

    /**
     * Records rule names as they fire, and halts the session before a firing once the budget is exhausted. Drools
     * would propagate an exception thrown here out of a half-run agenda; a halt ends {@code fireAllRules} the
     * ordinary way, after the match being fired, and the pooled session is reset on dispose as after any run.
     */
    private static final class FiredRules extends DefaultAgendaEventListener {
        private final KieSession session;
        private final List<String> names;
        /** Why the session was halted; null while the budget allows the rules to go on. */
        private EvaluationBudgetExceededException stop;

        FiredRules(KieSession session, List<String> names) {
            this.session = session;
            this.names = names;
        }

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            if (stop == null && (stop = EvaluationBudget.stop()) != null) {
                session.halt();
            }
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            names.add(event.getMatch().getRule().getName());
        }
    }

    /** Which rule inserted each fact, by identity (facts need not define equality). */
    private static final class Insertions extends DefaultRuleRuntimeEventListener {
        /** A run inserts a few facts: a small table, where the default would allocate 64 slots per run. */
        private final Map<Object, String> rules = new IdentityHashMap<>(8);

        @Override
        public void objectInserted(ObjectInsertedEvent event) {
            if (event.getRule() != null) {
                rules.put(event.getObject(), event.getRule().getName());
            }
        }
    }
}
