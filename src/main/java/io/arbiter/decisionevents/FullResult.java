package io.arbiter.decisionevents;

import java.util.List;
import java.util.Map;

/**
 * The data of a {@code DecisionResponseFull}, in the layout of Kogito's {@code KogitoDMNResult} (the same property
 * names), with messages as texts. {@code KogitoDMNResult} itself (kogito-dmn 10.2.0) is built from kie's
 * {@code DMNResult}, which Arbiter's pipeline does not hand out: it returns FEEL values already converted the way every
 * Arbiter answer gives them and each decision's status, so that the budget checkpoints, the trace and the conversion
 * stay in the one pipeline. {@code KogitoDMNResult} would also leave dates, times and durations as java.time objects
 * for Kogito's own JSON set-up, so they would read differently from the same model's answer over HTTP.
 */
public record FullResult(String namespace, String modelName, Map<String, Object> dmnContext, List<String> messages,
                         List<DecisionResult> decisionResults) {

    /** One evaluated decision, as {@code KogitoDMNDecisionResult} names its properties. */
    public record DecisionResult(String decisionId, String decisionName, String evaluationStatus, Object result,
                                 List<String> messages) {
    }
}
