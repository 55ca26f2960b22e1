package io.arbiter.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.arbiter.bundle.CompilationMessage;
import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.bundle.FileRole;
import io.arbiter.repository.ShippedBundles;

/** The gate's per-file checks: roles from the manifest, XML read safely, DMN and FEEL on their syntax trees. */
class SourceGateTest {

    /** A DMN 1.5 model with one decision whose literal expression (or a whole element) is given. */
    static String model(String decisionBody) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="m" name="m"
                             namespace="https://arbiter.io/test/m">
                  <decision id="d" name="d">
                    <variable id="v" name="d"/>
                %s
                  </decision>
                </definitions>
                """.formatted(decisionBody);
    }

    static String literal(String feel) {
        return "    <literalExpression id=\"le\"><text>" + feel + "</text></literalExpression>";
    }

    static Stream<Arguments> hostileModels() {
        String java = "{java: {class: \"java.lang.System\", method signature: \"getProperty(java.lang.String)\"}}";
        return Stream.of(
                // FEEL external, in every spelling the parser still reads as one
                Arguments.of(model(literal("function(k) external " + java)), "FEEL external functions"),
                Arguments.of(model(literal("function(k) external /* a comment */ " + java)), "FEEL external functions"),
                Arguments.of(model(literal("function(k) external\n\n  " + java)), "FEEL external functions"),
                Arguments.of(model(literal("function(k) external (" + java + ")")), "FEEL external functions"),
                Arguments.of(model(literal("{e: " + java + ", f: function(k) external e, r: f(\"user.home\")}.r")),
                        "FEEL external functions"),
                Arguments.of(model(literal("{f: function(k) external " + java + "}.f(\"x\")")), "FEEL external functions"),
                // in a decision table's cells and allowed values, not only literal expressions
                Arguments.of(model("""
                            <decisionTable id="t" hitPolicy="FIRST">
                              <input id="i"><inputExpression id="ie"><text>(function(k) external %s)("a")</text></inputExpression></input>
                              <output id="o"/>
                              <rule id="r"><inputEntry id="ri"><text>-</text></inputEntry><outputEntry id="ro"><text>1</text></outputEntry></rule>
                            </decisionTable>""".formatted(java)), "FEEL external functions"),
                Arguments.of(model("""
                            <decisionTable id="t" hitPolicy="FIRST">
                              <input id="i"><inputExpression id="ie"><text>1</text></inputExpression></input>
                              <output id="o"/>
                              <rule id="r"><inputEntry id="ri"><text>function(k) external %s</text></inputEntry><outputEntry id="ro"><text>1</text></outputEntry></rule>
                            </decisionTable>""".formatted(java)), "FEEL external functions"),
                // a <text> inside a <text>: kie reads the outer text whole, so the scan must not read it in pieces
                Arguments.of(model("    <literalExpression id=\"le\"><text>{f: function(k) external " + java
                        + ", r: f(\"user.name\")}.r<text/></text></literalExpression>"), "holds FEEL text only"),
                // an iteration over a range written with numbers, which no budget checkpoint can stop midway
                Arguments.of(model(literal("count(for i in 1..100000000 return i)")), "an iteration over 99999999 values"),
                // function kinds, also nested inside a FEEL function's context, and DMN 1.1's drools:kind
                Arguments.of(model("""
                            <functionDefinition id="f" kind="Java">
                              <context id="c"/>
                            </functionDefinition>"""), "kind Java"),
                Arguments.of(model("""
                            <functionDefinition id="f">
                              <context id="c"><contextEntry id="ce"><variable id="cev" name="inner"/>
                                <functionDefinition id="g" kind="PMML"><context id="gc"/></functionDefinition>
                              </contextEntry></context>
                            </functionDefinition>"""), "kind Java or PMML"),
                Arguments.of("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <definitions xmlns="http://www.omg.org/spec/DMN/20151101/dmn.xsd"
                                     xmlns:drools="http://www.drools.org/kie/dmn/1.1" id="m" name="m" namespace="urn:m">
                          <businessKnowledgeModel id="b" name="b">
                            <encapsulatedLogic drools:kind="J"><context/></encapsulatedLogic>
                          </businessKnowledgeModel>
                        </definitions>
                        """, "kind Java or PMML"),
                // imports and expression languages from outside DMN and FEEL
                Arguments.of(model(literal("1")).replace("<decision ", "<import namespace=\"urn:p\" name=\"p\""
                        + " importType=\"http://www.dmg.org/PMML4_2\" locationURI=\"p.pmml\"/>\n  <decision "),
                        "importType"),
                Arguments.of(model(literal("1")).replace("<literalExpression id=\"le\"",
                        "<literalExpression id=\"le\" expressionLanguage=\"http://www.mvel.org/2.0\""), "expressionLanguage"),
                // XML: DTDs, external or internal, and expansion; what is not XML at all; absurd nesting
                Arguments.of("<?xml version=\"1.0\"?>\n<!DOCTYPE definitions SYSTEM \"http://127.0.0.1:9/x.dtd\">\n"
                        + model(literal("1")).replaceFirst("<\\?xml[^>]*>", ""), "DTDs"),
                Arguments.of("<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n"
                        + model(literal("&b;")).replaceFirst("<\\?xml[^>]*>", ""), "DTDs"),
                Arguments.of("models: [this is yaml, not a model]\n", "not well-formed XML"),
                Arguments.of("<notDmn/>", "not a DMN model"),
                Arguments.of(model("<a>".repeat(300) + "</a>".repeat(300)), "nested more than"));
    }

    @ParameterizedTest
    @MethodSource("hostileModels")
    void hostileModelsAreRefused(String dmn, String construct) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("m.yaml", "models: [m.dmn]\n");
        files.put("m.dmn", dmn);
        SourceGate.Result result = SourceGate.check(new DecisionSetBundle("m", files));
        assertFalse(result.accepted());
        assertTrue(result.errors().stream().anyMatch(e -> e.file().equals("m.dmn") && e.text().contains(construct)
                        && (e.line() != null || construct.equals("not a DMN model"))),
                "an error in m.dmn naming " + construct + " with its line, among " + result.errors());
    }

    @Test
    void aFileIsCheckedForItsRoleWhateverItsName() {
        Map<String, String> files = new LinkedHashMap<>(ShippedBundles.load("customer-value").files());
        files.remove("scenarios.yaml");
        String hostileDrl = "package io.arbiter.rules.x;\nrule \"x\" when then\n    System.exit(0);\nend\n";
        files.put("extra.yml", hostileDrl);
        files.put("model.yaml", "<?xml version=\"1.0\"?><!DOCTYPE d SYSTEM \"http://127.0.0.1:9/d\"><d/>");
        files.put("customer-value.yaml", files.get("customer-value.yaml")
                .replace("rules:\n  - retention-actions.drl", "rules:\n  - retention-actions.drl\n  - extra.yml")
                .replace("  - risk-grade.dmn", "  - risk-grade.dmn\n  - model.yaml")
                .replaceAll("(?s)\\nscenarios:.*", "\n"));
        List<CompilationMessage> errors = SourceGate.check(new DecisionSetBundle("customer-value", files)).errors();
        assertTrue(errors.stream().anyMatch(e -> e.file().equals("extra.yml") && e.line() == 3
                && e.text().contains("'System'")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.file().equals("model.yaml") && e.text().contains("DTDs")), errors.toString());
    }

    @Test
    void everyFileNeedsOneRole() {
        Map<String, String> files = new LinkedHashMap<>(ShippedBundles.load("customer-value").files());
        files.put("notes.drl", "package io.arbiter.rules.x;\n");
        String manifest = files.get("customer-value.yaml");
        files.put("customer-value.yaml", manifest.replace("scenarios:\n  - scenarios.yaml",
                "scenarios:\n  - scenarios.yaml\n  - value-tier.dmn"));
        List<CompilationMessage> errors = SourceGate.check(new DecisionSetBundle("customer-value", files)).errors();
        assertTrue(errors.stream().anyMatch(e -> e.file().equals("notes.drl") && e.text().contains("no role")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.file().equals("value-tier.dmn") && e.text().contains("two roles")),
                errors.toString());
    }

    @Test
    void withoutAManifestModelsAndRulesComeFromTheirNames() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.dmn", model(literal("1 + 1")));
        SourceGate.Result result = SourceGate.check(new DecisionSetBundle("generic", files));
        assertTrue(result.accepted(), result.errors().toString());
        assertEquals(Map.of("a.dmn", FileRole.MODEL), result.sources().layout().roles());
        assertTrue(result.sources().layout().manifest().outputs().isEmpty(), "a generic set maps no customer outputs");

        files.put("readme.txt.yaml", "a: 1");
        SourceGate.Result extra = SourceGate.check(new DecisionSetBundle("generic", files));
        assertTrue(extra.errors().stream().anyMatch(e -> e.file().equals("readme.txt.yaml") && e.text().contains("no role")),
                extra.errors().toString());
    }

    @Test
    void theShippedSetsAndPlainFeelPass() {
        for (String set : List.of("customer-value", "rfm-segments")) {
            SourceGate.Result result = SourceGate.check(ShippedBundles.load(set));
            assertTrue(result.accepted(), set + ": " + result.errors());
        }
        Map<String, String> files = Map.of("m.yaml", "models: [m.dmn]\n", "m.dmn",
                model(literal("{external value: 2, f: function(x) x * external value}.f(3)")));
        assertTrue(SourceGate.check(new DecisionSetBundle("m", files)).accepted(),
                "a name that contains the word external is not a function");
    }
}
