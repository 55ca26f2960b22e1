package io.arbiter.engine;

import java.util.List;
import java.util.Map;

import org.kie.dmn.api.core.DMNModel;

/**
 * One compiled DMN model of a decision set, with the annotations of its decision-table rows by row id so that an
 * explanation can say why a matched row exists without walking the model per evaluation.
 */
public record CompiledModel(String file, DMNModel model, Map<String, List<String>> rowAnnotations) {

    public String name() {
        return model.getName();
    }
}
