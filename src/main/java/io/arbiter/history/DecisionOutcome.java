package io.arbiter.history;

import java.util.List;

import org.infinispan.protostream.annotations.Proto;
import org.infinispan.protostream.annotations.ProtoName;

import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.RecommendedAction;

/**
 * What a decision concluded for a customer, as compared to tell a change: tier, grade and action codes. Stored under
 * its earlier name, so that stored decisions stay readable.
 */
@Proto
@ProtoName("Outcome")
public record DecisionOutcome(String valueTier, String riskGrade, List<String> actions) {

    public static DecisionOutcome of(CustomerDecision decision) {
        return new DecisionOutcome(decision.valueTier(), decision.riskGrade(),
                decision.actions().stream().map(RecommendedAction::code).toList());
    }
}
