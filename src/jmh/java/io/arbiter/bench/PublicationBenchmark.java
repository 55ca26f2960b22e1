package io.arbiter.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.repository.ShippedBundles;
import io.arbiter.scenario.ScenarioRunner;
import io.arbiter.safety.SourceGate;
import io.arbiter.validation.BundleValidator;

/**
 * What the publication gate costs on the shipped set, in one run: the safety checks alone (roles, XML, DMN, FEEL,
 * the DRL allow-list) beside the whole validation of a publication (limits, checks, compile, kie's DMN validator,
 * the scenario suites). The checks' share must stay small next to the rest (the issue allows 200 ms).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"})
public class PublicationBenchmark {

    private DecisionSetBundle shipped;
    private BundleValidator validator;

    @Setup
    public void setUp() {
        shipped = ShippedBundles.load("customer-value");
        validator = new BundleValidator(new DecisionSetCompiler(), new ScenarioRunner(new DecisionPipeline(),
                Clock.systemUTC(), new ScenarioRunner.Budgets(Duration.ofSeconds(5), Duration.ofMinutes(2))));
    }

    @Benchmark
    public SourceGate.Result safetyChecks() {
        return SourceGate.check(shipped);
    }

    @Benchmark
    public BundleValidator.ValidatedBundle wholePublicationValidation() {
        return validator.validate(shipped, 2);
    }
}
