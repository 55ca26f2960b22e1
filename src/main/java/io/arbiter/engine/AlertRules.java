package io.arbiter.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.arbiter.engine.alerts.Alert;
import io.arbiter.engine.alerts.OutcomeChange;

/**
 * Evaluates a set's alert rules on one outcome change: the change is the only fact, and every {@link Alert} the rules
 * leave in the session is raised, with the rule that inserted it. Runs under the budget the caller set, as decision
 * rules do ({@link RuleRun}). Stateless.
 */
public final class AlertRules {

    /** Most urgent first, then by code: the order is the same for the same change, so ids derived from it are too. */
    private static final Comparator<RaisedAlert> ORDER = Comparator.comparing(RaisedAlert::level)
            .thenComparing(RaisedAlert::code).thenComparing(RaisedAlert::rule).thenComparing(RaisedAlert::message);

    private AlertRules() {
    }

    /** The alerts the set's alert rules raise on {@code change}; none when the set has no alert rules. */
    public static List<RaisedAlert> raise(CompiledDecisionSet set, OutcomeChange change) {
        if (set.alertSessions().isEmpty()) {
            return List.of();
        }
        EvaluationBudget.checkpoint();
        List<RaisedAlert> raised = new ArrayList<>();
        for (RuleRun.Concluded<Alert> alert : RuleRun.fire(set, set.alertSessions().get(), List.of(change),
                Alert.class, new ArrayList<>())) {
            raised.add(new RaisedAlert(alert.rule(), alert.fact().getLevel(), alert.fact().getCode(),
                    alert.fact().getMessage()));
        }
        raised.sort(ORDER);
        return List.copyOf(raised);
    }
}
