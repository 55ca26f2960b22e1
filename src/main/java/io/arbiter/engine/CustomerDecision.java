package io.arbiter.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of deciding one customer: tier, grade, actions, every DMN decision's value and the explanation.
 * {@code humanReviewRequired}: the customer objects to automated decisions, so a person must review this one before
 * it is acted on (the explanation says so, and marketing actions are withheld). {@code arm}: which side of a running
 * rollout decided (null, and left out of responses, when none runs).
 */
public record CustomerDecision(
        String decisionSet,
        long version,
        String customerId,
        String valueTier,
        String riskGrade,
        boolean humanReviewRequired,
        List<RecommendedAction> actions,
        Map<String, Object> outputs,
        Explanation explanation,
        Instant evaluatedAt,
        long durationMicros,
        @JsonInclude(JsonInclude.Include.NON_NULL) Arm arm) {

    public CustomerDecision withArm(Arm decidedBy) {
        return new CustomerDecision(decisionSet, version, customerId, valueTier, riskGrade, humanReviewRequired, actions,
                outputs, explanation, evaluatedAt, durationMicros, decidedBy);
    }
}
