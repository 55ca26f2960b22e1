package io.arbiter.config;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.events.EventParser;
import io.arbiter.facts.FactsParser;
import io.arbiter.scenario.ScenarioRunner;
import io.arbiter.validation.BundleValidator;
import io.quarkus.jackson.ObjectMapperCustomizer;

/** Wires the framework-free engine and facts classes into CDI. */
public class Beans {

    @Produces
    @Singleton
    Clock clock(ArbiterConfig config) {
        return Clock.system(ZoneId.of(config.timeZone()));
    }

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

    /**
     * JSON numbers are read as BigDecimal so that no decimal digit is lost, and written plain (5200, not 5.2E+3);
     * number length and nesting are bounded.
     */
    @Singleton
    static class JsonNumbers implements ObjectMapperCustomizer {
        @Override
        public void customize(ObjectMapper mapper) {
            mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
            mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
            mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(100)
                    .maxNestingDepth(64)
                    .build());
        }
    }
}
