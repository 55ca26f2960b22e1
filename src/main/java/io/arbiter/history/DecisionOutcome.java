package io.arbiter.history;

import java.util.List;

import org.infinispan.protostream.annotations.Proto;
import org.infinispan.protostream.annotations.ProtoName;

import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.RecommendedAction;

/**
 * What a decision concluded for a customer, as compared to tell a change: tier, grade, action codes, and whether a
 * person must review it (the customer objects to automated decisions), so that a channel reading the change feed
 * sees the marker too. Stored under its earlier name, so that stored decisions stay readable; decisions stored before
 * the marker read as not needing review.
 */
@Proto
@ProtoName("Outcome")
public record DecisionOutcome(String valueTier, String riskGrade, List<String> actions, boolean humanReviewRequired) {

    public static DecisionOutcome of(CustomerDecision decision) {
        return new DecisionOutcome(decision.valueTier(), decision.riskGrade(),
                decision.actions().stream().map(RecommendedAction::code).toList(), decision.humanReviewRequired());
    }
}
