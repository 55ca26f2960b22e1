package io.arbiter.bundle;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a decision set is made of, as written in {@code decisions/<name>.yaml}: its DMN models in evaluation order,
 * its DRL files, its DRL alert rules (over a customer's previous and new outcome), which DMN decisions feed the rules' {@code Assessment} ({@code valueTier}, {@code riskGrade}),
 * its scenario suites, and how strict publication validation is. A manifest that does not list its models or its
 * rules (or a bundle without a manifest) gets them from the file names: {@link BundleLayout} completes it, and
 * every manifest past the layout lists both.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record DecisionSetManifest(
        String name,
        String description,
        List<String> models,
        List<String> rules,
        List<String> alerts,
        Map<String, String> outputs,
        List<String> scenarios,
        ValidationPolicy validation) {

    /**
     * How strict publication is. {@code STRICT} (the default) rejects every error of kie-dmn's validator and
     * compiler. {@code ENGINE} reports them as warnings and rejects only what the safety checks forbid or what the
     * engine cannot compile at all, for models brought from other tools: a decision that does not compile then
     * evaluates to FAILED with the compiler's message. Decision-table gaps and overlaps are warnings unless
     * {@code tableGapsAndOverlapsAreErrors}.
     */
    public record ValidationPolicy(Level level, boolean tableGapsAndOverlapsAreErrors) {

        public enum Level { STRICT, ENGINE }

        public static final ValidationPolicy DEFAULT = new ValidationPolicy(Level.STRICT, false);

        public ValidationPolicy {
            level = level == null ? Level.STRICT : level;
        }

        public boolean strict() {
            return level == Level.STRICT;
        }
    }

    public DecisionSetManifest {
        models = models == null ? null : List.copyOf(models);
        rules = rules == null ? null : List.copyOf(rules);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
        scenarios = scenarios == null ? List.of() : List.copyOf(scenarios);
        validation = validation == null ? ValidationPolicy.DEFAULT : validation;
    }

    /** This manifest with the lists it leaves out (null) replaced. */
    public DecisionSetManifest withModelsAndRules(List<String> defaultModels, List<String> defaultRules) {
        return new DecisionSetManifest(name, description, models == null ? defaultModels : models,
                rules == null ? defaultRules : rules, alerts, outputs, scenarios, validation);
    }

    /** The DMN decision whose result is the named assessment output, or null when the set does not map it. */
    public String decisionFor(String output) {
        return outputs.get(output);
    }
}
