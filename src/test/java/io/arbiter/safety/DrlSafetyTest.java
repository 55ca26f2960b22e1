package io.arbiter.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.arbiter.bundle.CompilationMessage;
import io.arbiter.repository.ShippedBundles;

/**
 * The DRL allow-list, case by case: each hostile rule is refused with a message that names its line and the
 * construct, and the constructs analysts need (and the shipped rules) pass.
 */
class DrlSafetyTest {

    private static final String HEADER = """
            package io.arbiter.rules.test;
            import io.arbiter.engine.rules.*;
            import java.math.BigDecimal;
            """;

    static Stream<Arguments> hostile() {
        return Stream.of(
                // unicode escapes the Java compiler decodes: every placement
                refused("rule \"u1\" when Customer() then\n// \\u000a insert(null);\nend", 5, "unicode escape \\u000a"),
                refused("rule \"u2\" when Customer() then\n// \\u000d insert(null);\nend", 5, "unicode escape \\u000d"),
                refused("rule \"u3\" when Customer() then\n/* \\u002a/ insert(null); /* */\nend", 5, "unicode escape \\u002a"),
                refused("rule \"u4\" when Customer() then\nString s = \"\\u0022; insert(null); //\";\nend", 5, "\\u0022"),
                refused("rule \"u5\" when Customer() then\n// \\uuuu000A uppercase and many u\nend", 5, "\\uuuu000A"),
                refused("rule \"u6\" when Customer( customerId == \"\\u0041\" ) then\nend", 4, "unicode escape"),
                refused("rule \"\\u0041\" when Customer() then\nend", 4, "unicode escape"),
                // reflection, the JVM, the engine's internals
                refused("rule \"r1\" when Customer() then\nModuleLayer.boot().findLoader(\"java.base\");\nend", 5, "'ModuleLayer'"),
                refused("rule \"r2\" when $c : Customer() then\nString n = $c.getClass().getName();\nend", 5, "Customer.getClass"),
                refused("rule \"r3\" when Customer() then\nThread.currentThread().getContextClassLoader();\nend", 5, "'Thread'"),
                refused("rule \"r4\" when Customer() then\ndrools.getWorkingMemory().getKnowledgeBase();\nend", 5, "getWorkingMemory"),
                refused("rule \"r5\" when Customer() then\nkcontext.getKieRuntime().halt();\nend", 5, "getKieRuntime"),
                refused("rule \"r6\" when Customer() then\nObject o = Customer.class;\nend", 5, "Object is not a type"),
                refused("rule \"r7\" when Customer() then\nString s = String.class.getName();\nend", 5, "class"),
                refused("rule \"r8\" when Customer() then\njava.lang.Runtime.getRuntime().exec(\"id\");\nend", 5, "fully qualified"),
                refused("rule \"r9\" when Customer() then\nSystem.exit(0);\nend", 5, "'System'"),
                refused("rule \"r10\" when Customer() then\nString p = System.getProperty(\"user.home\");\nend", 5, "'System'"),
                refused("rule \"r11\" when $c : Customer() then\nRunnable r = () -> {};\nend", 5, "Runnable"),
                refused("rule \"r12\" when $c : Customer() then\ninsert(new Action(\"X\", ActionType.valueOf(\"RISK_REVIEW\"), ActionChannel.APP, 1, \"r\"));\nend", 5, "ActionType.valueOf"),
                refused("rule \"r13\" when $c : Customer() then\ninsert(new Object() { });\nend", 5, "anonymous"),
                refused("rule \"r14\" when $c : Customer() then\nint[] a = new int[1000000000];\nend", 5, "type"),
                // static calls, in constraints, from, accumulate, eval
                refused("rule \"s1\" when Customer( recencyDays > Integer.getInteger(\"x\") ) then\nend", 4, "Integer.getInteger"),
                refused("rule \"s2\" when $n : Number() from Integer.getInteger(\"x\") then\nend", 4, "Integer.getInteger"),
                refused("rule \"s3\" when Customer( Runtime.getRuntime() != null ) then\nend", 4, "'Runtime'"),
                refused("rule \"s4\" when Number() from accumulate( Customer( $r : recencyDays ), sum( System.nanoTime() ) ) then\nend", 4, "'System'"),
                refused("rule \"s5\" when Number() from accumulate( Customer(), init( int x = 0; ), action( x++; ), result( x ) ) then\nend", 4, "init/action"),
                refused("rule \"s6\" when eval( System.currentTimeMillis() > 0 ) then\nend", 4, "'System'"),
                refused("rule \"s7\" when Customer( customerId matches \"(a+)+$\" ) then\nend", 4, "operator `matches`"),
                refused("rule \"s9\" when Customer( customerId str[startsWith] \"c-\" ) then\nend", 4, "operator `str`"),
                refused("rule \"s8\" when $c : Customer() $x : Customer() from $c.getClass() then\nend", 4, "getClass"),
                // loops, assignments and other statements
                refused("rule \"l1\" when Customer() then\nwhile (true) { }\nend", 5, "loops are not allowed"),
                refused("rule \"l2\" when Customer() then\nfor (int i = 0; ; i++) { }\nend", 5, "loops are not allowed"),
                refused("rule \"l3\" when Customer() then\ndo { } while (true);\nend", 5, "loops are not allowed"),
                refused("rule \"l4\" when Customer() then\nint i = 0;\ni = i + 1;\nend", 6, "assign"),
                refused("rule \"l5\" when Customer() then\ntry { insert(null); } catch (Exception e) { }\nend", 5, "try"),
                refused("rule \"l6\" when Customer() then\nthrow new RuntimeException();\nend", 5, "throw"),
                refused("rule \"l7\" when Customer() then\nclass X { }\nend", 5, "class"),
                // declarations that are code
                refused("function void f() { System.exit(0); }\nrule \"f1\" when Customer() then\nend", 4, "function"),
                refused("global java.util.List out;\nrule \"g1\" when Customer() then\nend", 4, "global"),
                refused("import java.io.File;\nrule \"i1\" when Customer() then\nend", 4, "import java.io.File"),
                refused("import static java.lang.System.exit;\nrule \"i2\" when Customer() then\nend", 4, "import static"),
                refused("import function java.lang.System.exit;\nrule \"i3\" when Customer() then\nend", 4, "import function"),
                refused("declare Box\n  value : int = Integer.getInteger(\"x\")\nend", 5, "initial values"),
                refused("declare Box\n  file : java.io.File\nend", 5, "java.io.File"),
                refused("declare Box @role(event)\n  value : int\nend", 4, "annotations on a type"),
                refused("rule \"a1\" @meta(Runtime.getRuntime().exec(\"id\")) when Customer() then\nend", 4, "must be a literal"),
                refused("rule \"a2\" salience ( System.exit(0) ) when Customer() then\nend", 4, "salience"),
                refused("rule \"a3\" dialect \"mvel\" when Customer() then\nend", 4, "dialect \"mvel\""),
                refused("rule \"a4\" timer (int: 1s) when Customer() then\nend", 4, "timer"),
                refused("rule \"a5\" calendars \"x\" when Customer() then\nend", 4, "calendars"),
                refused("rule \"a6\" enabled ( System.exit(0) == null ) when Customer() then\nend", 4, "enabled"),
                refused("query \"q1\" ( String $x )\n  Customer( customerId == System.getenv($x) )\nend", 5, "'System'"),
                // what Drools re-reads with readers of its own (found by a red-team review)
                refused("rule \"x1\" when $c : Customer() then\nString a = \"\\s; update( /* \";  // */ $c ); /* \" ; /* */ insert(null); //\nend", 5, "the escape \\s"),
                refused("rule \"x2\" when Customer( customerId != '\"' + \"q, Math.abs(1) !.x\" ) then\nend", 4, "character literals"),
                refused("rule \"x3\" when Customer( customerId != \"x\" /*\neval( Math.abs(1) > 0) */ + \"y\" ) then\nend", 4, "comments are not allowed"),
                refused("rule \"x4\" when Customer( customerId != \"a\\\"b\" ) then\nend", 4, "escapes"),
                refused("rule \"x5\" when Customer() then\nString s = BigDecimal.valueOf(1, -999999999).toPlainString();\nend", 5, "scale"),
                refused("declare Probe\n  System : String\nend", 5, "field names"),
                refused("rule \"x6\" when Math : Customer() then\nend", 4, "variable name Math"),
                // a DRL line of thousands of dereferences: refused, not a stack overflow
                refused("rule \"d1\" when Customer() then\nString s = a" + ".a".repeat(5000) + ";\nend", 5, "too deeply"),
                refused("rule \"d2\" when Customer( a" + ".a".repeat(5000) + " ) then\nend", 4, "too deeply"));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileRulesAreRefusedWithTheirLine(String drl, int line, String construct) {
        DrlSafety.Checked checked = DrlSafety.check("hostile.drl", HEADER + drl);
        assertTrue(checked.errors().stream().anyMatch(e -> e.file().equals("hostile.drl") && e.line() != null
                        && e.line() == line && e.text().contains(construct)),
                "an error on line " + line + " naming " + construct + " among " + checked.errors());
        assertEquals(null, checked.descr(), "nothing to compile");
    }

    @Test
    void rulesLiveInTheirOwnPackage() {
        DrlSafety.Checked checked = DrlSafety.check("p.drl", HEADER.replace("io.arbiter.rules.test",
                "io.reactivex.rxjava3.functions") + "rule \"p\" when Customer() then\nend\n");
        assertTrue(checked.errors().stream().anyMatch(e -> e.line() == 1 && e.text().contains("package")),
                checked.errors().toString());
    }

    @Test
    void oneRuleCannotHoldUnboundedWork() {
        StringBuilder consequence = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            consequence.append("String s").append(i).append(" = \"").append("x".repeat(16_000)).append("\";\n");
        }
        DrlSafety.Checked checked = DrlSafety.check("big.drl", HEADER + "rule \"big\" when Customer() then\n"
                + consequence + "end\n");
        assertTrue(checked.errors().stream().anyMatch(e -> e.line() == 4 && e.text().contains("terms in all")),
                checked.errors().toString());
    }

    @Test
    void theShippedRulesPass() {
        String drl = ShippedBundles.load("customer-value").files().get("retention-actions.drl");
        DrlSafety.Checked checked = DrlSafety.check("retention-actions.drl", drl);
        assertEquals(List.of(), checked.errors());
        assertNotNull(checked.descr());
    }

    @Test
    void whatRulesNeedPasses() throws Exception {
        String drl = new String(DrlSafetyTest.class.getResourceAsStream("/rules/allowed-constructs.drl").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(List.<CompilationMessage>of(), DrlSafety.check("allowed-constructs.drl", drl).errors());
    }

    @Test
    void checksRunOnManyThreadsAtOnce() throws Exception {
        String drl = ShippedBundles.load("customer-value").files().get("retention-actions.drl");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<DrlSafety.Checked>> checks = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                checks.add(pool.submit(() -> DrlSafety.check("retention-actions.drl", drl)));
            }
            for (var check : checks) {
                assertEquals(List.of(), check.get().errors());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void expressionsThatGrowWithTheirVariablesAreRefused() {
        StringBuilder consequence = new StringBuilder("String s0 = $id;\n");
        for (int i = 1; i <= 16; i++) {
            consequence.append("String s").append(i).append(" = s").append(i - 1).append(" + s").append(i - 1).append(";\n");
        }
        String drl = HEADER + "rule \"grow\" when Customer( $id : customerId ) then\n" + consequence + "end\n";
        DrlSafety.Checked checked = DrlSafety.check("grow.drl", drl);
        assertTrue(checked.errors().stream().anyMatch(e -> e.text().contains("grows to more than")), checked.errors().toString());
    }

    /** A hostile case: its text, which starts on line 4 after the header, and the line and construct refused. */
    @Test
    void copiesOfALongLiteralCountAsWhatTheyWeigh() {
        String big = "x".repeat(20_000);
        String drl = HEADER + "rule \"long\" when Customer() then\nString s = \"" + big + "\";\nString t = s + s + s + s + s + s + s + s + s;\nend\n";
        DrlSafety.Checked checked = DrlSafety.check("long.drl", drl);
        assertTrue(checked.errors().stream().anyMatch(e -> e.line() == 6 && e.text().contains("grows to more than")),
                checked.errors().toString());
    }

    private static Arguments refused(String drl, int line, String construct) {
        return Arguments.of(drl, line, construct);
    }
}
