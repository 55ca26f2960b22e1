package io.arbiter.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompilationMessage;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.validation.BundleValidator;
import io.quarkus.runtime.StartupEvent;

/**
 * At start-up, passes the shipped default decision set through the same validation gate a publication passes
 * (safety checks, kie-dmn validator, run-time compile, its scenario suites) and makes the compiled result active.
 * A shipped set that fails the gate stops the start: the service never runs decisions it would refuse to publish.
 */
@ApplicationScoped
public class ShippedDecisionSetActivation {

    private static final Logger LOG = Logger.getLogger(ShippedDecisionSetActivation.class);

    private final ActiveDecisionSets active;
    private final BundleValidator validator;
    private final ArbiterConfig config;

    ShippedDecisionSetActivation(ActiveDecisionSets active, BundleValidator validator, ArbiterConfig config) {
        this.active = active;
        this.validator = validator;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        String name = config.defaultDecisionSet();
        long started = System.nanoTime();
        BundleValidator.Outcome outcome = validator.validate(ShippedBundles.load(name), 1);
        CompiledDecisionSet compiled = outcome.compiled().orElseThrow(() -> new IllegalStateException(
                "the shipped decision set " + name + " fails validation: " + outcome.report().messages()));
        active.activate(compiled);
        long warnings = outcome.report().messages().stream()
                .filter(m -> m.severity() == CompilationMessage.Severity.WARNING).count();
        LOG.infof("decision set %s v%d validated (%d warnings) and compiled in %d ms; active", name,
                compiled.version(), warnings, (System.nanoTime() - started) / 1_000_000);
    }
}
