package io.arbiter.history;

import java.util.List;

import org.infinispan.protostream.annotations.Proto;

import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.RecommendedAction;

/** What a decision concluded for a customer, as compared to tell a change: tier, grade and action codes. */
@Proto
public record Outcome(String valueTier, String riskGrade, List<String> actions) {

    public static Outcome of(CustomerDecision decision) {
        return new Outcome(decision.valueTier(), decision.riskGrade(),
                decision.actions().stream().map(RecommendedAction::code).toList());
    }
}
