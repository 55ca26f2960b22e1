package io.arbiter.wiring;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.events.EventParser;
import io.arbiter.facts.FactsParser;
import io.arbiter.scenario.ScenarioRunner;
import io.arbiter.validation.BundleValidator;

/**
 * The composition root: builds the framework-free classes (engine, parsers, scenario runner, publication gate) from
 * the configuration, so that they need no CDI and tests build them with {@code new}. Nothing depends on this package.
 */
public class ConfiguredComponents {

    @Produces
    @Singleton
    FactsParser factsParser(Clock clock) {
        return new FactsParser(clock);
    }

    @Produces
    @Singleton
    EventParser eventParser(Clock clock, ArbiterConfig config) {
        return new EventParser(clock, config.reportingCurrency());
    }

    @Produces
    @Singleton
    DecisionSetCompiler decisionSetCompiler(ArbiterConfig config) {
        return new DecisionSetCompiler(config.compiledTables());
    }

    @Produces
    @Singleton
    ScenarioRunner scenarioRunner(DecisionPipeline pipeline, Clock clock, ArbiterConfig config) {
        return new ScenarioRunner(pipeline, clock, new ScenarioRunner.Budgets(config.budget().scenarioCase(),
                config.budget().scenarioRun()));
    }

    @Produces
    @Singleton
    BundleValidator bundleValidator(DecisionSetCompiler compiler, ScenarioRunner scenarios) {
        return new BundleValidator(compiler, scenarios);
    }

    @Produces
    @Singleton
    DecisionPipeline decisionPipeline() {
        return new DecisionPipeline();
    }
}
