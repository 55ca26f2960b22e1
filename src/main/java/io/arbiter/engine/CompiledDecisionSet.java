package io.arbiter.engine;

import java.util.List;
import java.util.Optional;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.dmn.api.core.DMNRuntime;

import io.arbiter.bundle.CompilationMessage;
import io.arbiter.bundle.DecisionSetManifest;

/**
 * An immutable, ready-to-evaluate snapshot of one decision-set version: its DMN runtime and models in evaluation
 * order, the Drools knowledge base of its rules (absent when the set has none), the sessions of its alert rules (a
 * knowledge base of their own, absent when the set has none: {@link AlertRules}), and what the compiler warned about
 * (at the ENGINE validation level, the model errors it compiled around). Shared by all threads.
 */
public record CompiledDecisionSet(
        String name,
        long version,
        DecisionSetManifest manifest,
        DMNRuntime dmnRuntime,
        List<CompiledModel> models,
        Optional<KieBase> rules,
        Optional<KieSessionsPool> sessions,
        Optional<KieSessionsPool> alertSessions,
        List<CompilationMessage> compilerWarnings) {

    /** The same compiled set as another version with the same files: nothing compiled depends on the number. */
    public CompiledDecisionSet asVersion(long otherVersion) {
        return new CompiledDecisionSet(name, otherVersion, manifest, dmnRuntime, models, rules, sessions, alertSessions,
                compilerWarnings);
    }

    public Optional<CompiledModel> model(String fileOrName) {
        return models.stream()
                .filter(m -> m.file().equals(fileOrName) || m.name().equals(fileOrName))
                .findFirst();
    }
}
