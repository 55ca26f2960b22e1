package io.arbiter.safety;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.bundle.CompilationMessage;
import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.engine.rules.Assessment;
import io.arbiter.engine.rules.Customer;
import io.arbiter.facts.FactsParser;
import io.arbiter.repository.ShippedBundles;
import io.arbiter.scenario.ScenarioRunner;
import io.arbiter.validation.BundleValidator;
import io.arbiter.validation.ValidationReport;

/**
 * Live payloads against the gate. Each payload first runs where nothing guards it (Drools or kie-dmn given the text
 * directly, as before the gate), which proves it is live: it creates a marker file. Then it is published as part
 * of the shipped bundle, with its scenario suites (which fire the rules at publication): the report must refuse it,
 * naming the file, the line and the construct, and the marker must not appear.
 */
class HostileBundlesTest {

    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));
    private static final BundleValidator VALIDATOR = new BundleValidator(new DecisionSetCompiler(),
            new ScenarioRunner(new DecisionPipeline(), Clock.systemUTC(), new ScenarioRunner.Budgets(Duration.ofSeconds(5),
                    Duration.ofMinutes(2))));

    /** A rule file whose consequence, condition or attribute runs {@code payload}; MARKER stands for the file. */
    record Drl(String name, String text, int line, String construct) {
    }

    static Stream<Arguments> drlPayloads() {
        String create = "new java.io.File(\"MARKER\").createNewFile()";
        return Stream.of(
                rhs("escaped line feed", "// \\u000a " + create + ";", "\\u000a"),
                rhs("escaped carriage return", "// \\u000d " + create + ";", "\\u000d"),
                rhs("escaped end of comment", "/* \\u002a/ " + create + "; /* */", "\\u002a"),
                // quotes inside the hidden code are escaped too, so that the DRL parser sees one string literal
                rhs("escaped quote", "String s = \"\\u0022; " + create.replace("\"", "\\u0022") + "; //\";", "\\u0022"),
                rhs("plain call", create + ";", "fully qualified"),
                rhs("reflection", "((java.io.File) Class.forName(\"java.io.File\").getConstructor(String.class)"
                        + ".newInstance(\"MARKER\")).createNewFile();", "fully qualified"),
                rhs("nio", "java.nio.file.Files.createFile(java.nio.file.Path.of(\"MARKER\"));", "fully qualified"),
                // Drools re-reads rule text with readers of its own; each of these passed a first version of the gate
                rhs("escape unknown to Drools' Java 5 lexer", "String a = \"\\s; update( /* \";  // */ $c ); /* \" ; /* */ "
                        + create + "; //", "the escape \\s"),
                new Drl("char literal that fools the !. rewrite", rule("", "$c : Customer( customerId != '\"' + \"q, "
                        + create.replace('"', '\'') + " !.x\" )", ""), 6, "character literals"),
                new Drl("eval( at a line start in a comment", rule("", "$c : Customer( customerId != \"x\" /*\neval( "
                        + create.replace('"', '\'') + " ) */ + \"y\" )", ""), 6, "comments are not allowed"),
                new Drl("mvel dialect", rule("dialect \"mvel\"", "$c : Customer()", create + ";"), 4, "dialect \"mvel\""),
                new Drl("from", rule("", "$c : Customer()\n    $o : Object() from " + create, ""), 7, "Object"),
                new Drl("eval", rule("", "$c : Customer()\n    eval( " + create + " )", ""), 7, "fully qualified"),
                new Drl("constraint", rule("", "$c : Customer( " + create + " )", ""), 6, "fully qualified"),
                new Drl("accumulate code", rule("", "$n : Number() from accumulate( Customer(), init( " + create
                        + "; ), action( ), result( 1 ) )", ""), 6, "init/action"),
                new Drl("metadata", rule("@tag(" + create + ")", "$c : Customer()", ""), 4, "must be a literal"),
                new Drl("salience", rule("salience ( " + create + " ? 1 : 0 )", "$c : Customer()", ""), 4, "salience"),
                new Drl("function", HEADER + "function void f() { try { " + create + "; } catch (Exception e) { } }\n"
                        + ruleOnly("", "$c : Customer()", "f();"), 3, "function"),
                new Drl("declared initial value", HEADER + "declare Box\n  done : boolean = " + create + "\nend\n"
                        + ruleOnly("", "$c : Customer()", "insert(new Box());"), 4, "initial values"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("drlPayloads")
    void ruleCodeIsRefusedAndNeverRuns(Drl payload) throws Exception {
        Path marker = marker();
        String drl = payload.text().replace("MARKER", marker.toString());
        runUnguarded(drl);
        assertTrue(Files.exists(marker), "the payload is live: unguarded, it created " + marker);
        Files.delete(marker);

        for (String role : List.of("hostile.drl", "hostile.yml")) {
            ValidationReport report = VALIDATOR.validate(shippedWith("rules", role, drl), 2).report();
            assertRefused(report, role, payload.line(), payload.construct());
            assertFalse(Files.exists(marker), "nothing ran at publication");
        }
    }

    static Stream<Arguments> dmnPayloads() {
        return Stream.of(
                Arguments.of("FEEL external", "<literalExpression id=\"le\"><text>"
                        + "{f: function(p, s) external {java: {class: \"java.io.File\", method signature:"
                        + " \"createTempFile(java.lang.String, java.lang.String)\"}}}.f(\"PREFIX\", \".tmp\")"
                        + "</text></literalExpression>", "FEEL external functions"),
                Arguments.of("FEEL external, spelt apart", "<literalExpression id=\"le\"><text>"
                        + "{c: {java: {class: \"java.io.File\", method signature:"
                        + " \"createTempFile(java.lang.String, java.lang.String)\"}},\n f: function(p, s) external /* it is */\n c}"
                        + ".f(\"PREFIX\", \".tmp\")</text></literalExpression>", "FEEL external functions"),
                Arguments.of("Java function kind", """
                        <context id="ctx">
                          <contextEntry id="e1"><variable id="ev1" name="f"/>
                            <functionDefinition id="fd" kind="Java">
                              <formalParameter id="p1" name="p" typeRef="string"/>
                              <formalParameter id="p2" name="s" typeRef="string"/>
                              <context id="c">
                                <contextEntry id="ce1"><variable id="v1" name="class"/><literalExpression id="l1"><text>"java.io.File"</text></literalExpression></contextEntry>
                                <contextEntry id="ce2"><variable id="v2" name="method signature"/><literalExpression id="l2"><text>"createTempFile(java.lang.String, java.lang.String)"</text></literalExpression></contextEntry>
                              </context>
                            </functionDefinition>
                          </contextEntry>
                          <contextEntry id="e2"><literalExpression id="r"><text>f("PREFIX", ".tmp")</text></literalExpression></contextEntry>
                        </context>""", "kind Java"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dmnPayloads")
    void modelCodeIsRefusedAndNeverRuns(String name, String decisionLogic, String construct) throws Exception {
        String prefix = "arbiter-hostile-" + UUID.randomUUID().toString().substring(0, 8);
        String dmn = SourceGateTest.model(decisionLogic.replace("PREFIX", prefix));
        DMNRuntime unguarded = DMNRuntimeBuilder.fromDefaults().buildConfiguration()
                .fromResources(List.of(ResourceFactory.newByteArrayResource(dmn.getBytes(StandardCharsets.UTF_8))))
                .getOrElseThrow(RuntimeException::new);
        unguarded.evaluateAll(unguarded.getModels().get(0), unguarded.newContext());
        assertTrue(tempFilesStartingWith(prefix) > 0, "the payload is live: unguarded, it created a temp file");
        deleteTempFiles(prefix);

        for (String role : List.of("hostile.dmn", "hostile.yaml")) {
            ValidationReport report = VALIDATOR.validate(shippedWith("models", role, dmn), 2).report();
            assertRefused(report, role, null, construct);
            assertFalse(tempFilesStartingWith(prefix) > 0, "nothing ran at publication");
        }
    }

    private static void assertRefused(ValidationReport report, String file, Integer line, String construct) {
        assertFalse(report.accepted());
        List<CompilationMessage> errors = report.messages().stream()
                .filter(m -> m.severity() == CompilationMessage.Severity.ERROR).toList();
        assertTrue(errors.stream().anyMatch(m -> m.file().equals(file) && m.text().contains(construct)
                        && m.line() != null && (line == null || m.line().equals(line))),
                "an error in " + file + (line == null ? "" : " on line " + line) + " naming " + construct
                        + " among " + errors);
    }

    /** The shipped bundle, scenarios included, with one more file listed under the given role. */
    private static DecisionSetBundle shippedWith(String role, String file, String text) {
        DecisionSetBundle shipped = ShippedBundles.load("customer-value");
        Map<String, String> files = new LinkedHashMap<>(shipped.files());
        files.put(file, text);
        String manifest = files.get("customer-value.yaml");
        files.put("customer-value.yaml", manifest.replace(role + ":\n", role + ":\n  - " + file + "\n"));
        return new DecisionSetBundle("customer-value", files);
    }

    /** Compiles and fires rules as Drools does when nothing checks them. */
    private static void runUnguarded(String drl) throws IOException {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
        if (builder.hasErrors()) {
            return; // some payloads act while compiling (metadata) and need not compile
        }
        KieBase base = builder.newKieBase();
        KieSession session = base.newKieSession();
        try {
            session.insert(new Customer(new FactsParser(Clock.systemUTC()).parse(new ObjectMapper().readTree("""
                    {"customerId": "c-1", "segment": "RETAIL", "country": "DE", "joinedOn": "2019-03-01",
                     "consent": {"marketing": true, "profiling": true}, "recencyDays": 12, "frequency12m": 14,
                     "monetary12m": 1830.50, "maxDaysPastDue": 0, "missedPayments12m": 0, "chargebacks12m": 0,
                     "complaints90d": 0, "fraudFlag": false}
                    """)).facts(), 60));
            session.insert(new Assessment("GOLD", "A"));
            session.fireAllRules(100);
        } finally {
            session.dispose();
        }
    }

    private static final String HEADER = "package io.arbiter.rules.hostile;\nimport io.arbiter.engine.rules.*;\n";

    /** A payload in a consequence, which is on line 8. */
    private static Drl rhs(String name, String consequence, String construct) {
        return new Drl(name, rule("", "$c : Customer()", consequence), 8, construct);
    }

    /** A rule file: the header, a blank line, the rule on line 4, its conditions from line 6, its consequence on 8. */
    private static String rule(String attributes, String conditions, String consequence) {
        return HEADER + "\n" + ruleOnly(attributes, conditions, consequence);
    }

    private static String ruleOnly(String attributes, String conditions, String consequence) {
        return "rule \"HOSTILE\" " + attributes + "\nwhen\n    " + conditions + "\nthen\n    " + consequence + "\nend\n";
    }

    private static Path marker() {
        return TMP.resolve("arbiter-marker-" + UUID.randomUUID());
    }

    private static long tempFilesStartingWith(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(TMP)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).count();
        }
    }

    private static void deleteTempFiles(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(TMP)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                Files.delete(file);
            }
        }
    }
}
