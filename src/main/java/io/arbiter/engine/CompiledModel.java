package io.arbiter.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kie.dmn.api.core.DMNModel;

/**
 * One compiled DMN model of a decision set, with the annotations of its decision-table rows by row id so that an
 * explanation can say why a matched row exists without walking the model per evaluation, and its direct plan when
 * every decision in it is a compiled table over its input data ({@link DirectModel}).
 */
public record CompiledModel(String file, DMNModel model, Map<String, List<String>> rowAnnotations,
                            Optional<DirectModel> direct) {

    public String name() {
        return model.getName();
    }

    /**
     * The decision service or, failing that, the decision of this model called {@code name}: DMN gives both kinds of
     * element names from one namespace, so a caller that names either needs no second attribute to say which.
     */
    public Optional<ModelScope> scope(String name) {
        if (model.getDecisionServices().stream().anyMatch(s -> s.getName().equals(name))) {
            return Optional.of(ModelScope.service(name));
        }
        return model.getDecisionByName(name) == null ? Optional.empty() : Optional.of(ModelScope.decision(name));
    }
}
