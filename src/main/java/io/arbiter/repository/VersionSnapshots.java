package io.arbiter.repository;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.engine.DecisionSetCompilationException;
import io.arbiter.engine.DecisionSetCompiler;

/**
 * Compiled snapshots of stored versions, the few most recently used kept ready: a rollback swaps back to a
 * snapshot that is usually still here, and a version under test is not recompiled for every evaluation.
 */
@ApplicationScoped
public class VersionSnapshots {

    private static final int KEPT = 8;

    private final DecisionRepository repository;
    private final DecisionSetCompiler compiler;
    private final Map<String, CompiledDecisionSet> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledDecisionSet> eldest) {
            return size() > KEPT;
        }
    };

    private final AheadCompilation aheadCompilation;
    private final ShippedSets shipped;

    VersionSnapshots(DecisionRepository repository, DecisionSetCompiler compiler, AheadCompilation aheadCompilation,
                     ShippedSets shipped) {
        this.repository = repository;
        this.compiler = compiler;
        this.aheadCompilation = aheadCompilation;
        this.shipped = shipped;
    }

    /** Keeps the snapshot of a version just validated, compiled by the publication gate from the stored files. */
    void keep(CompiledDecisionSet compiled) {
        synchronized (recent) {
            recent.put(StoredVersion.key(compiled.name(), compiled.version()), compiled);
        }
        aheadCompilation.compiled(compiled.name(), compiled.version());
    }

    /**
     * The compiled snapshot of a stored, validated version; a rejected one has no content to compile. At start-up a
     * version with exactly the shipped files takes the compile {@link ShippedSets} made meanwhile.
     */
    public CompiledDecisionSet compiled(String name, long version) throws DecisionSetCompilationException {
        String key = StoredVersion.key(name, version);
        synchronized (recent) {
            CompiledDecisionSet kept = recent.get(key);
            if (kept != null) {
                return kept;
            }
        }
        Map<String, String> files = repository.files(name, version);
        Optional<CompiledDecisionSet> prepared = shipped.compiledAs(name, version, files);
        CompiledDecisionSet compiled = prepared.isPresent() ? prepared.get()
                : compiler.compile(new DecisionSetBundle(name, files), version);
        synchronized (recent) {
            recent.put(key, compiled);
        }
        aheadCompilation.compiled(name, version);
        return compiled;
    }
}
