package io.arbiter.deciding;

import java.util.List;
import java.util.Map;

import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.Explanation;

/** The answer to an evaluation of DMN input data: every decision's value and status, and the matched table rows. */
public record ContextDecision(String decisionSet, long version, String model, Map<String, Object> outputs,
                              List<DecisionPipeline.DecisionStatus> decisionResults, Explanation explanation) {
}
