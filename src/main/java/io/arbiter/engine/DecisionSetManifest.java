package io.arbiter.engine;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a decision set is made of, as written in {@code decisions/<name>.yaml}: its DMN models in evaluation order,
 * its DRL files, which DMN decisions feed the rules' {@code Assessment} ({@code valueTier}, {@code riskGrade}),
 * its scenario suites, and how strict publication validation is.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record DecisionSetManifest(
        String name,
        String description,
        List<String> models,
        List<String> rules,
        Map<String, String> outputs,
        List<String> scenarios,
        ValidationPolicy validation) {

    /** How publication treats decision-table analysis: gaps and overlaps are warnings unless this says errors. */
    public record ValidationPolicy(boolean tableGapsAndOverlapsAreErrors) {
    }

    public DecisionSetManifest {
        models = models == null ? List.of() : List.copyOf(models);
        rules = rules == null ? List.of() : List.copyOf(rules);
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        validation = validation == null ? new ValidationPolicy(false) : validation;
    }

    /** The DMN decision whose result is the named assessment output, or null when the set does not map it. */
    public String decisionFor(String output) {
        return outputs.get(output);
    }
}
