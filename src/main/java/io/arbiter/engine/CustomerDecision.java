package io.arbiter.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The outcome of deciding one customer: tier, grade, actions, every DMN decision's value and the explanation. */
public record CustomerDecision(
        String decisionSet,
        long version,
        String customerId,
        String valueTier,
        String riskGrade,
        List<RecommendedAction> actions,
        Map<String, Object> outputs,
        Explanation explanation,
        Instant evaluatedAt,
        long durationMicros) {
}
