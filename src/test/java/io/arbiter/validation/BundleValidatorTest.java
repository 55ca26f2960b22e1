package io.arbiter.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.arbiter.bundle.CompilationMessage;
import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.repository.ShippedBundles;
import io.arbiter.scenario.ScenarioRunner;

class BundleValidatorTest {

    private static BundleValidator validator;
    private static DecisionSetBundle shipped;

    @BeforeAll
    static void setUp() {
        validator = new BundleValidator(new DecisionSetCompiler(), new ScenarioRunner(new DecisionPipeline(),
                Clock.systemUTC(), new ScenarioRunner.Budgets(Duration.ofSeconds(5), Duration.ofMinutes(2))));
        shipped = ShippedBundles.load("customer-value");
    }

    @Test
    void shippedBundleIsAcceptedAndCompiled() {
        BundleValidator.ValidatedBundle outcome = validator.validate(shipped, 2);
        assertTrue(outcome.report().accepted(), outcome.report().messages().toString());
        assertEquals(2, outcome.compiled().orElseThrow().version());
    }

    /** A certificate of exactly these files stands for the validator and the suites: its report is the report. */
    @Test
    void aCertificateOfTheSameFilesGivesItsReportAndTheCompile() {
        List<CompilationMessage> certified = List.of(new CompilationMessage("value-tier.dmn", null, null,
                CompilationMessage.Severity.INFO, "certified"));
        ValidationCertificate certificate = new ValidationCertificate(ValidationCertificate.sha256(shipped), true,
                certified);
        BundleValidator.ValidatedBundle outcome = validator.validate(shipped, 3, certificate);
        assertEquals(certified, outcome.report().messages());
        assertEquals(3, outcome.compiled().orElseThrow().version());
    }

    /** Any other file, or the other table evaluation, and the whole gate runs: a failing scenario still rejects. */
    @Test
    void aCertificateOfOtherFilesOrAnotherTableEvaluationIsIgnored() {
        DecisionSetBundle changed = with("scenarios.yaml",
                shipped.files().get("scenarios.yaml").replaceFirst("valueTier: PLATINUM", "valueTier: BRONZE"));
        ValidationCertificate ofShipped = new ValidationCertificate(ValidationCertificate.sha256(shipped), true,
                List.of());
        assertFalse(validator.validate(changed, 2, ofShipped).report().accepted());
        ValidationCertificate interpreted = new ValidationCertificate(ValidationCertificate.sha256(shipped), false,
                List.of());
        assertFalse(validator.validate(shipped, 2, interpreted).report().messages().isEmpty(),
                "the full gate's warnings, not the empty certified report");
    }

    @Test
    void malformedDmnIsRejectedWithItsFile() {
        ValidationReport report = validator.validate(with("value-tier.dmn", "<definitions><decision"), 2).report();
        assertFalse(report.accepted());
        assertError(report, "value-tier.dmn", "well-formed");
    }

    @Test
    void dtdsAndEntitiesAreRejected() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + shipped.files().get("value-tier.dmn").replaceFirst("<\\?xml[^>]*>", "");
        assertError(validator.validate(with("value-tier.dmn", xxe), 2).report(), "value-tier.dmn", "DTD");
    }

    @Test
    void feelExternalJavaFunctionsAreRejected() throws Exception {
        Path tck = Path.of("..", "shared", "dmn-tck", "compliance-level-3", "0076-feel-external-java",
                "0076-feel-external-java.dmn");
        Map<String, String> files = new LinkedHashMap<>();
        files.put("tck-0076.yaml", "models: [external.dmn]\n");
        files.put("external.dmn", Files.readString(tck));
        ValidationReport report = validator.validate(new DecisionSetBundle("tck-0076", files), 1).report();
        assertFalse(report.accepted());
        assertError(report, "external.dmn", "kind Java");
        assertError(report, "external.dmn", "FEEL external functions");
    }

    @Test
    void rulesThatReachOutsideAreRejectedWithTheirLine() {
        String drl = shipped.files().get("retention-actions.drl");
        String hostile = drl.replaceFirst("(?m)^import ", "import java.io.File;\nimport ")
                + "\nrule \"X-01 exit\"\nwhen\n    Customer()\nthen\n    System.exit(0);\n"
                + "    java.lang.Runtime.getRuntime();\nend\n";
        ValidationReport report = validator.validate(with("retention-actions.drl", hostile), 2).report();
        assertFalse(report.accepted());
        assertError(report, "retention-actions.drl", "import java.io.File is not allowed");
        assertError(report, "retention-actions.drl", "'System'");
        assertError(report, "retention-actions.drl", "fully qualified class names");
        CompilationMessage system = report.messages().stream().filter(m -> m.text().contains("'System'")).findFirst().orElseThrow();
        assertEquals(drl.split("\n", -1).length + 6, system.line(), "the line of System.exit");
    }

    @Test
    void forbiddenWordsInCommentsAndStringsAreNotFindings() {
        String drl = shipped.files().get("retention-actions.drl")
                + "\n// System.exit is never called here\nrule \"X-02 quoted\"\nwhen\n    Customer()\nthen\n"
                + "    String note = \"java.lang.Runtime in a string\";\nend\n";
        ValidationReport report = validator.validate(with("retention-actions.drl", drl), 2).report();
        assertTrue(report.accepted(), report.messages().toString());
    }

    @Test
    void drlSyntaxErrorsCarryTheirLine() {
        String drl = shipped.files().get("retention-actions.drl") + "\nrule \"broken\"\nwhen\n    Customer(\nthen\nend\n";
        ValidationReport report = validator.validate(with("retention-actions.drl", drl), 2).report();
        assertFalse(report.accepted());
        assertTrue(report.messages().stream().anyMatch(m -> m.file().equals("retention-actions.drl") && m.line() != null),
                report.messages().toString());
    }

    @Test
    void alertRuleErrorsCarryTheirFileAndLine() {
        String drl = shipped.files().get("customer-alerts.drl");
        int line = drl.split("\n", -1).length + 3;
        ValidationReport report = validator.validate(with("customer-alerts.drl", drl
                + "\nrule \"X-01 fraud\"\nwhen\n    Customer( fraudFlag == true )\nthen\nend\n"), 2).report();
        assertFalse(report.accepted());
        assertTrue(report.messages().stream().anyMatch(m -> m.file().equals("customer-alerts.drl")
                && Integer.valueOf(line).equals(m.line()) && m.text().contains("not Customer")), report.messages().toString());
        report = validator.validate(with("customer-alerts.drl", drl + "\nrule \"broken\"\nwhen\n    OutcomeChange(\nthen\nend\n"),
                2).report();
        assertFalse(report.accepted());
        assertTrue(report.messages().stream().anyMatch(m -> m.file().equals("customer-alerts.drl") && m.line() != null),
                report.messages().toString());
    }

    @Test
    void failingScenarioRejectsTheBundle() {
        String scenarios = shipped.files().get("scenarios.yaml").replaceFirst("valueTier: PLATINUM", "valueTier: BRONZE");
        ValidationReport report = validator.validate(with("scenarios.yaml", scenarios), 2).report();
        assertFalse(report.accepted());
        assertError(report, "scenarios.yaml", "expected BRONZE");
    }

    @Test
    void limitsAndFileNamesAreEnforced() {
        assertError(validator.validate(with("../escape.dmn", "<x/>"), 2).report(), "../escape.dmn", "file names");
        Map<String, String> many = new LinkedHashMap<>(shipped.files());
        for (int i = 0; i < BundleLimits.MAX_FILES; i++) {
            many.put("extra-" + i + ".yaml", "a: 1");
        }
        assertError(validator.validate(new DecisionSetBundle("customer-value", many), 2).report(), "", "at most");
        assertError(validator.validate(with("big.drl", "x".repeat(BundleLimits.MAX_FILE_BYTES + 1)), 2).report(),
                "big.drl", "at most");
    }

    @Test
    void tableGapsAreWarningsUnlessTheManifestSaysErrors() {
        String lenient = "models: [gap.dmn]\n";
        ValidationReport warned = validator.validate(gapBundle(lenient), 1).report();
        assertTrue(warned.accepted(), warned.messages().toString());
        assertTrue(warned.messages().stream().anyMatch(m -> m.severity() == CompilationMessage.Severity.WARNING
                && m.text().toLowerCase().contains("gap")), warned.messages().toString());
        ValidationReport strict = validator.validate(gapBundle(lenient + "validation: {tableGapsAndOverlapsAreErrors: true}\n"), 1).report();
        assertFalse(strict.accepted());
        assertError(strict, "gap.dmn", "");
    }

    @Test
    void theEngineLevelPublishesAModelWithABrokenDecisionThatThenFails() {
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="b" name="broken" namespace="https://arbiter.io/test/b">
                  <decision id="ok" name="ok"><variable id="vok" name="ok"/><literalExpression id="lok"><text>1 + 1</text></literalExpression></decision>
                  <decision id="bad" name="bad"><variable id="vbad" name="bad"/><literalExpression id="lbad"><text>unknownName + 1</text></literalExpression></decision>
                </definitions>
                """;
        Map<String, String> strict = new LinkedHashMap<>(Map.of("broken.dmn", dmn));
        ValidationReport rejected = validator.validate(new DecisionSetBundle("broken", strict), 1).report();
        assertFalse(rejected.accepted(), "STRICT, the default, rejects the validator's and the compiler's errors");

        Map<String, String> engine = new LinkedHashMap<>(strict);
        engine.put("broken.yaml", "validation: {level: ENGINE}\n");
        BundleValidator.ValidatedBundle outcome = validator.validate(new DecisionSetBundle("broken", engine), 1);
        assertTrue(outcome.report().accepted(), outcome.report().messages().toString());
        assertTrue(outcome.report().messages().stream().anyMatch(m -> m.severity() == CompilationMessage.Severity.WARNING
                && "broken.dmn".equals(m.file())), "the errors are reported as warnings: " + outcome.report().messages());
        CompiledDecisionSet set = outcome.compiled().orElseThrow();
        DecisionPipeline.DmnEvaluation evaluated = new DecisionPipeline().evaluateModel(set, set.models().get(0), null, Map.of());
        assertEquals(new java.math.BigDecimal("2"), evaluated.outputs().get("ok"));
        DecisionPipeline.DecisionStatus bad = evaluated.decisionResults().stream()
                .filter(d -> d.decision().equals("bad")).findFirst().orElseThrow();
        assertEquals("FAILED", bad.status());
        assertFalse(bad.messages().isEmpty(), "with the compiler's message");
    }

    @Test
    void aRuleThatThrowsFailsItsScenariosInsteadOfThePublication() {
        Map<String, String> files = new LinkedHashMap<>(shipped.files());
        files.put("divide.drl", """
                package io.arbiter.rules.divide;
                import io.arbiter.engine.rules.*;
                rule "DIV-01 per day past due"
                when
                    Customer( $d : maxDaysPastDue )
                then
                    int share = 100 / $d;
                end
                """);
        files.put("customer-value.yaml", files.get("customer-value.yaml").replace("rules:\n", "rules:\n  - divide.drl\n"));
        ValidationReport report = validator.validate(new DecisionSetBundle("customer-value", files), 2).report();
        assertFalse(report.accepted());
        assertError(report, "scenarios.yaml", "ArithmeticException");
    }

    @Test
    void scenarioSuitesAreBounded() {
        StringBuilder many = new StringBuilder("asOf: 2026-06-30\nscenarios:\n");
        for (int i = 0; i <= 1_000; i++) {
            many.append("  - {name: s").append(i).append(", expect: {valueTier: GOLD}}\n");
        }
        assertError(validator.validate(with("scenarios.yaml", many.toString()), 2).report(), "scenarios.yaml",
                "at most 1000");
        String wide = "asOf: 2026-06-30\ndefaults: {junk: [" + "1, ".repeat(300) + "1]}\nscenarios: []\n";
        assertError(validator.validate(with("scenarios.yaml", wide), 2).report(), "scenarios.yaml", "more than 256 values");
    }

    private static DecisionSetBundle gapBundle(String manifest) {
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="gap" name="gap" namespace="https://arbiter.io/test/gap">
                  <inputData id="in_n" name="n"><variable id="v_n" name="n" typeRef="number"/></inputData>
                  <decision id="d" name="band">
                    <variable id="v_band" name="band" typeRef="string"/>
                    <informationRequirement id="ir"><requiredInput href="#in_n"/></informationRequirement>
                    <decisionTable id="dt" hitPolicy="UNIQUE">
                      <input id="i1"><inputExpression id="ie1" typeRef="number"><text>n</text></inputExpression></input>
                      <output id="o1" name="band" typeRef="string"/>
                      <rule id="r1"><inputEntry id="r1i"><text>&lt; 10</text></inputEntry><outputEntry id="r1o"><text>"LOW"</text></outputEntry></rule>
                      <rule id="r2"><inputEntry id="r2i"><text>&gt; 20</text></inputEntry><outputEntry id="r2o"><text>"HIGH"</text></outputEntry></rule>
                    </decisionTable>
                  </decision>
                </definitions>
                """;
        Map<String, String> files = new LinkedHashMap<>();
        files.put("gaps.yaml", manifest);
        files.put("gap.dmn", dmn);
        return new DecisionSetBundle("gaps", files);
    }

    private static DecisionSetBundle with(String file, String text) {
        Map<String, String> files = new LinkedHashMap<>(shipped.files());
        files.put(file, text);
        return new DecisionSetBundle("customer-value", files);
    }

    private static void assertError(ValidationReport report, String file, String text) {
        List<CompilationMessage> errors = report.messages().stream()
                .filter(m -> m.severity() == CompilationMessage.Severity.ERROR)
                .toList();
        assertTrue(errors.stream().anyMatch(m -> m.file().equals(file) && m.text().contains(text)),
                "an error in " + file + " saying '" + text + "' among " + errors);
    }
}
