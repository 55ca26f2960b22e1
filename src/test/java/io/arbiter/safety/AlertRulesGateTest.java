package io.arbiter.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.arbiter.bundle.CompilationMessage;
import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.repository.ShippedBundles;

/**
 * Alert rules are checked for their role: against the alert vocabulary (an outcome change in, alerts out), with the
 * same allow-list as decision rules otherwise. An alert rule cannot reach a customer's facts, a decision rule cannot
 * name an outcome change, and what is hostile in a decision rule is refused in an alert rule too, with its line.
 */
class AlertRulesGateTest {

    private static final String HEADER = """
            package io.arbiter.rules.test;
            import io.arbiter.engine.alerts.*;
            """;

    /** A hostile file (after the header) and the line and construct its refusal names. */
    private record Hostile(String drl, int line, String construct) {
    }

    private static Stream<Hostile> hostile() {
        return Stream.of(
                new Hostile("rule \"u1\" when OutcomeChange() then\n// \\u000a insert(null);\nend", 4, "unicode escape"),
                new Hostile("rule \"r1\" when $c : OutcomeChange() then\nString n = $c.getClass().getName();\nend", 4, "OutcomeChange.getClass"),
                new Hostile("rule \"r2\" when OutcomeChange() then\nSystem.exit(0);\nend", 4, "'System'"),
                new Hostile("rule \"r3\" when OutcomeChange() then\nThread.currentThread().getContextClassLoader();\nend", 4, "'Thread'"),
                new Hostile("rule \"r4\" when OutcomeChange() then\ndrools.getWorkingMemory().getKnowledgeBase();\nend", 4, "getWorkingMemory"),
                new Hostile("rule \"r5\" when OutcomeChange() then\njava.lang.Runtime.getRuntime().exec(\"id\");\nend", 4, "fully qualified"),
                new Hostile("rule \"r6\" when OutcomeChange() then\ninsert(new Alert(AlertLevel.valueOf(\"INFO\"), \"X\", \"m\"));\nend", 4, "AlertLevel.valueOf"),
                new Hostile("rule \"r7\" when $c : OutcomeChange() then\nRunnable r = () -> {};\nend", 4, "Runnable"),
                new Hostile("rule \"s1\" when OutcomeChange( grade matches \"(a+)+$\" ) then\nend", 3, "operator `matches`"),
                new Hostile("rule \"s2\" when eval( System.currentTimeMillis() > 0 ) then\nend", 3, "'System'"),
                new Hostile("rule \"l1\" when OutcomeChange() then\nwhile (true) { }\nend", 4, "loops are not allowed"),
                new Hostile("function void f() { System.exit(0); }\nrule \"f1\" when OutcomeChange() then\nend", 3, "function"),
                new Hostile("global java.util.List out;\nrule \"g1\" when OutcomeChange() then\nend", 3, "global"),
                new Hostile("import java.io.File;\nrule \"i1\" when OutcomeChange() then\nend", 3, "import java.io.File"),
                // the decision rules' facts are not in an alert rule's vocabulary
                new Hostile("import io.arbiter.engine.rules.Customer;\nrule \"c1\" when OutcomeChange() then\nend", 3,
                        "import io.arbiter.engine.rules.Customer is not allowed"),
                new Hostile("import io.arbiter.engine.rules.*;\nrule \"c2\" when OutcomeChange() then\nend", 3,
                        "import io.arbiter.engine.rules.* is not allowed"),
                new Hostile("rule \"c3\" when Customer( fraudFlag == true ) then\nend", 3, "not Customer"),
                new Hostile("rule \"c4\" when OutcomeChange() then\ninsert(new Action(\"X\", null, null, 1, \"r\"));\nend", 4, "Action is not a type"),
                new Hostile("rule \"c5\" when $a : Assessment() then\nend", 3, "not Assessment"));
    }

    /** Dynamic tests rather than a parameterized one: Kafka's test kit on the class path claims test templates. */
    @TestFactory
    Stream<DynamicTest> hostileAlertRulesAreRefusedWithTheirLine() {
        return hostile().map(h -> DynamicTest.dynamicTest(h.construct(), () -> {
            DrlSafety.Checked checked = DrlSafety.check("alerts.drl", HEADER + h.drl(), RuleVocabulary.ALERTS);
            assertFalse(checked.accepted(), h.drl());
            assertTrue(checked.errors().stream().anyMatch(e -> e.file().equals("alerts.drl") && e.line() != null
                            && e.line() == h.line() && e.text().contains(h.construct())),
                    "line " + h.line() + " and '" + h.construct() + "' among " + checked.errors());
        }));
    }

    @Test
    void theShippedAlertRulesPassAsAlertRulesOnly() {
        String drl = ShippedBundles.load("customer-value").files().get("customer-alerts.drl");
        assertEquals(List.<CompilationMessage>of(), DrlSafety.check("customer-alerts.drl", drl, RuleVocabulary.ALERTS).errors());
        assertFalse(DrlSafety.check("customer-alerts.drl", drl, RuleVocabulary.DECISIONS).accepted(),
                "checked as decision rules, they name types decision rules may not");
    }

    @Test
    void theManifestsRoleDecidesTheVocabulary() {
        DecisionSetBundle shipped = ShippedBundles.load("customer-value");
        String alerts = shipped.files().get("customer-alerts.drl");
        int line = alerts.split("\n", -1).length + 3;
        List<CompilationMessage> errors = SourceGate.check(with(shipped, "customer-alerts.drl", alerts
                + "\nrule \"X-01 fraud\"\nwhen\n    Customer( fraudFlag == true )\nthen\nend\n")).errors();
        assertTrue(errors.stream().anyMatch(e -> e.file().equals("customer-alerts.drl") && e.line() == line
                && e.text().contains("not Customer")), errors.toString());

        String rules = shipped.files().get("retention-actions.drl");
        errors = SourceGate.check(with(shipped, "retention-actions.drl", rules.replaceFirst("(?m)^import ",
                "import io.arbiter.engine.alerts.OutcomeChange;\nimport "))).errors();
        assertTrue(errors.stream().anyMatch(e -> e.file().equals("retention-actions.drl") && e.line() != null
                && e.text().contains("import io.arbiter.engine.alerts.OutcomeChange is not allowed")), errors.toString());
        errors = SourceGate.check(with(shipped, "retention-actions.drl", rules
                + "\nrule \"X-02 change\"\nwhen\n    OutcomeChange()\nthen\nend\n")).errors();
        assertTrue(errors.stream().anyMatch(e -> e.file().equals("retention-actions.drl")
                && e.text().contains("not OutcomeChange")), errors.toString());
    }

    @Test
    void alertRulesAreNeverTakenFromFileNames() {
        DecisionSetBundle shipped = ShippedBundles.load("customer-value");
        String manifest = shipped.files().get("customer-value.yaml").replaceFirst("(?s)rules:\\n  - retention-actions.drl\\n", "");
        SourceGate.Result result = SourceGate.check(with(shipped, "customer-value.yaml", manifest));
        assertTrue(result.accepted(), "rules from the .drl names, the listed alert file excepted: " + result.errors());
        assertEquals(List.of("retention-actions.drl"), result.sources().layout().manifest().rules());
        assertEquals(List.of("customer-alerts.drl"), List.copyOf(result.sources().alerts().keySet()));
    }

    private static DecisionSetBundle with(DecisionSetBundle bundle, String file, String text) {
        Map<String, String> files = new LinkedHashMap<>(bundle.files());
        files.put(file, text);
        return new DecisionSetBundle(bundle.name(), files);
    }
}
