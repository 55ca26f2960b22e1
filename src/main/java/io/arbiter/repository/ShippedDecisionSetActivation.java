package io.arbiter.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.DecisionSetCompilationException;
import io.arbiter.engine.DecisionSetCompiler;
import io.quarkus.runtime.StartupEvent;

/** At start-up, compiles the shipped default decision set through the run-time compiler and makes it active. */
@ApplicationScoped
public class ShippedDecisionSetActivation {

    private static final Logger LOG = Logger.getLogger(ShippedDecisionSetActivation.class);

    private final ActiveDecisionSets active;
    private final DecisionSetCompiler compiler;
    private final ArbiterConfig config;

    ShippedDecisionSetActivation(ActiveDecisionSets active, DecisionSetCompiler compiler, ArbiterConfig config) {
        this.active = active;
        this.compiler = compiler;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) throws DecisionSetCompilationException {
        String name = config.defaultDecisionSet();
        long started = System.nanoTime();
        CompiledDecisionSet compiled = compiler.compile(ShippedBundles.load(name), 1);
        active.activate(compiled);
        LOG.infof("decision set %s v%d compiled in %d ms and active", name, compiled.version(),
                (System.nanoTime() - started) / 1_000_000);
    }
}
