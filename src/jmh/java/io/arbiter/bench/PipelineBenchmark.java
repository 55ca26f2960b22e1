package io.arbiter.bench;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CompiledModel;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.facts.Consent;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.Segment;
import io.arbiter.repository.ShippedBundles;

/**
 * Single-thread cost of one customer decision: Arbiter's whole pipeline (facts -> DMN -> DRL -> response object),
 * with compiled tables and with kie-dmn's interpreter, beside the value-tier table evaluated by kie-dmn alone and by
 * the Camunda 7 DMN engine (its default Scala FEEL and its legacy JUEL-based FEEL), all in one JMH run so the
 * figures compare.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager"})
public class PipelineBenchmark {

    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);
    private static final String DMN15 = "https://www.omg.org/spec/DMN/20230324/MODEL/";
    private static final String DMN13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";

    private final DecisionPipeline pipeline = new DecisionPipeline();
    private CompiledDecisionSet set;
    private CompiledDecisionSet interpretedSet;
    private CustomerFacts facts;
    private DMNRuntime kieRuntime;
    private DMNModel kieValueTier;
    private Map<String, Object> inputs;
    private DmnEngine camundaScala;
    private DmnDecision camundaScalaDecision;
    private DmnEngine camundaLegacy;
    private DmnDecision camundaLegacyDecision;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // Outside Quarkus nothing configures logging: the engines' debug messages would be formatted and buffered
        // for a log that never comes (about 30 us per evaluation). The service logs at INFO; so does the benchmark.
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
        set = new DecisionSetCompiler(true).compile(ShippedBundles.load("customer-value"), 1);
        interpretedSet = new DecisionSetCompiler(false).compile(ShippedBundles.load("customer-value"), 1);
        facts = new CustomerFacts("bench-1", Segment.RETAIL, "DE", LocalDate.of(2019, 3, 1), new Consent(true, true, false),
                21, 14, new BigDecimal("1830.50"), new BigDecimal("5200.00"), new BigDecimal("0.87"), 0, 0, 0, 1,
                false, new BigDecimal("0.35"), 40, 1, null, null, null, null);
        CompiledModel valueTier = interpretedSet.model("value-tier.dmn").orElseThrow();
        kieRuntime = interpretedSet.dmnRuntime();
        kieValueTier = valueTier.model();
        inputs = new HashMap<>();
        inputs.put("recencyDays", BigDecimal.valueOf(21));
        inputs.put("frequency12m", BigDecimal.valueOf(14));
        inputs.put("monetary12m", new BigDecimal("1830.50"));
        inputs.put("clv", new BigDecimal("5200.00"));
        inputs.put("pAlive", new BigDecimal("0.87"));
        inputs.put("tenureMonths", BigDecimal.valueOf(87));
        inputs.put("segment", "RETAIL");

        byte[] camundaXml = forCamunda(Files.readString(Path.of("dmn", "value-tier.dmn")));
        DefaultDmnEngineConfiguration scala = (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration
                .createDefaultDmnEngineConfiguration();
        camundaScala = scala.buildEngine();
        camundaScalaDecision = camundaScala.parseDecisions(new ByteArrayInputStream(camundaXml)).get(0);
        DefaultDmnEngineConfiguration legacy = (DefaultDmnEngineConfiguration) DefaultDmnEngineConfiguration
                .createDefaultDmnEngineConfiguration();
        legacy.enableFeelLegacyBehavior(true);
        camundaLegacy = legacy.buildEngine();
        camundaLegacyDecision = camundaLegacy.parseDecisions(new ByteArrayInputStream(camundaXml)).get(0);
        checkSameTier();
    }

    /** The comparison is only fair if every engine reaches the same tier for the benchmark customer. */
    private void checkSameTier() {
        String arbiter = arbiterPipeline().valueTier();
        String interpreted = arbiterPipelineInterpreted().valueTier();
        Object kie = kieDmnValueTier();
        Object scala = camundaScalaValueTier();
        Object legacy = camundaLegacyValueTier();
        if (!arbiter.equals(interpreted) || !arbiter.equals(kie) || !arbiter.equals(scala) || !arbiter.equals(legacy)) {
            throw new IllegalStateException("engines disagree: arbiter=" + arbiter + " kie=" + kie + " camunda-scala="
                    + scala + " camunda-legacy=" + legacy);
        }
    }

    @Benchmark
    public CustomerDecision arbiterPipeline() {
        return pipeline.decide(set, facts, AS_OF);
    }

    /** The same pipeline with every table on kie-dmn's interpreter ({@code arbiter.engine.compiled-tables=false}). */
    @Benchmark
    public CustomerDecision arbiterPipelineInterpreted() {
        return pipeline.decide(interpretedSet, facts, AS_OF);
    }

    /** kie-dmn's interpreter alone on the value-tier model. */
    @Benchmark
    public Object kieDmnValueTier() {
        DMNContext context = kieRuntime.newContext();
        inputs.forEach(context::set);
        return kieRuntime.evaluateAll(kieValueTier, context).getDecisionResultByName("valueTier").getResult();
    }

    @Benchmark
    public Object camundaScalaValueTier() {
        return camundaScala.evaluateDecisionTable(camundaScalaDecision, camundaVariables()).getSingleEntry();
    }

    @Benchmark
    public Object camundaLegacyValueTier() {
        return camundaLegacy.evaluateDecisionTable(camundaLegacyDecision, camundaVariables()).getSingleEntry();
    }

    private Map<String, Object> camundaVariables() {
        Map<String, Object> variables = new HashMap<>();
        variables.put("recencyDays", 21);
        variables.put("frequency12m", 14);
        variables.put("monetary12m", 1830.50);
        variables.put("clv", 5200.00);
        variables.put("pAlive", 0.87);
        variables.put("tenureMonths", 87);
        variables.put("segment", "RETAIL");
        return variables;
    }

    /** Camunda 7 reads DMN 1.3 and knows no typeRef "number": same table, its dialect. */
    private static byte[] forCamunda(String dmn15) {
        String xml = dmn15.replace(DMN15, DMN13)
                .replaceAll("(?s)<dmndi:DMNDI>.*</dmndi:DMNDI>", "")
                .replace("typeRef=\"number\"", "typeRef=\"double\"");
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
