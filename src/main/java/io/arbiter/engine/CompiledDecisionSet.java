package io.arbiter.engine;

import java.util.List;
import java.util.Optional;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.dmn.api.core.DMNRuntime;

/**
 * An immutable, ready-to-evaluate snapshot of one decision-set version: its DMN runtime and models in evaluation
 * order, and the Drools knowledge base of its rules (absent when the set has none). Shared by all threads.
 */
public record CompiledDecisionSet(
        String name,
        long version,
        DecisionSetManifest manifest,
        DMNRuntime dmnRuntime,
        List<CompiledModel> models,
        Optional<KieBase> rules,
        Optional<KieSessionsPool> sessions) {

    public Optional<CompiledModel> model(String fileOrName) {
        return models.stream()
                .filter(m -> m.file().equals(fileOrName) || m.name().equals(fileOrName))
                .findFirst();
    }
}
