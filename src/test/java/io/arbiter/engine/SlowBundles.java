package io.arbiter.engine;

import java.util.LinkedHashMap;
import java.util.Map;

import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.repository.ShippedBundles;

/**
 * Decision sets that take long, for the budget tests: DMN models of many independent decisions that each iterate
 * over a range (slow, small in memory), and a rule that keeps re-activating itself with a consequence that works.
 */
public final class SlowBundles {

    /**
     * Iterations of each slow decision: tens of milliseconds of FEEL on this kind of machine, a list of this many
     * numbers at most in memory.
     */
    public static final int ITERATIONS = 20_000;
    /** Iterations of a decision of 30 ms (warm, idle machine) to a few hundred ms: a list of a few MB while it runs. */
    public static final int HEAVY_ITERATIONS = 50_000;
    /** The spinning rule fires for customers whose id starts with this. */
    public static final String SPIN_PREFIX = "spin-";
    /** Statements of multiplications in each firing of the spinning rule, and multiplications in each. */
    private static final int SPIN_STATEMENTS = 20;
    private static final int SPIN_MULTIPLICATIONS = 100;

    private SlowBundles() {
    }

    /**
     * A DMN model named {@code name} of {@code decisions} independent decisions d0, d1, ..., each counting a list of
     * {@code iterations} numbers built by a FEEL for loop.
     */
    public static String slowModel(String name, int decisions, int iterations) {
        StringBuilder dmn = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/"
                             namespace="https://arbiter.io/test/%s" id="_%s" name="%s">
                """.formatted(name, name, name));
        for (int d = 0; d < decisions; d++) {
            dmn.append("""
                      <decision id="_d%d" name="d%d">
                        <variable id="_v%d" name="d%d" typeRef="number"/>
                        <literalExpression><text>count(for i in 1..%d return i)</text></literalExpression>
                      </decision>
                    """.formatted(d, d, d, d, iterations));
        }
        return dmn.append("</definitions>\n").toString();
    }

    /** A set of the one slow model {@code slow.dmn}: no rules, no outputs for customers. */
    public static DecisionSetBundle slowModelSet(String set, int decisions) {
        return new DecisionSetBundle(set, Map.of(set + ".yaml", "name: " + set + "\nmodels:\n  - slow.dmn\n",
                "slow.dmn", slowModel("slow", decisions, ITERATIONS)));
    }

    /**
     * The shipped customer-value set renamed to {@code set}, with extra files: each extra {@code .dmn} is evaluated
     * after the shipped models and each extra {@code .drl} joins the rules. Scenario suites are left out unless an
     * extra file is named {@code scenarios.yaml}.
     */
    public static Map<String, String> customerValueWith(String set, Map<String, String> extra) {
        DecisionSetBundle shipped = ShippedBundles.load("customer-value");
        Map<String, String> files = new LinkedHashMap<>();
        shipped.files().forEach((file, text) -> {
            if (!file.equals(shipped.manifestFile()) && !file.equals("scenarios.yaml")) {
                files.put(file, text);
            }
        });
        files.putAll(extra);
        StringBuilder manifest = new StringBuilder("name: " + set + "\nmodels:\n  - value-tier.dmn\n  - risk-grade.dmn\n");
        extra.keySet().stream().filter(f -> f.endsWith(".dmn")).forEach(f -> manifest.append("  - ").append(f).append('\n'));
        manifest.append("rules:\n  - retention-actions.drl\n");
        extra.keySet().stream().filter(f -> f.endsWith(".drl")).forEach(f -> manifest.append("  - ").append(f).append('\n'));
        manifest.append("alerts:\n  - customer-alerts.drl\n");
        manifest.append("outputs:\n  valueTier: valueTier\n  riskGrade: riskGrade\n");
        if (extra.containsKey("scenarios.yaml")) {
            manifest.append("scenarios:\n  - scenarios.yaml\n");
        }
        files.put(set + ".yaml", manifest.toString());
        return files;
    }

    /**
     * A rule that fires for customers whose id starts with {@link #SPIN_PREFIX} and re-activates itself, so it never
     * settles. What the publication gate allows a consequence to compute is bounded, so each firing does a bounded
     * but real amount of work: chains of multiplications of a 61-digit number (milliseconds), so that the firing
     * cap's ten thousand firings take far longer than any budget of these tests.
     */
    public static String spinningRule() {
        return """
                package io.arbiter.rules.spin;

                import io.arbiter.engine.rules.Customer;
                import io.arbiter.engine.rules.Assessment;
                import java.math.BigDecimal;

                rule "SPIN-01 Never settles"
                when
                    Customer( customerId.startsWith("%s") )
                    $a : Assessment()
                then
                    BigDecimal x = new BigDecimal("1.234567890123456789012345678901234567890123456789012345678901");
                %s
                    update( $a );
                end
                """.formatted(SPIN_PREFIX, work());
    }

    /** Statements of the spinning consequence, each a chain of multiplications of x (flat, not one deep chain). */
    private static String work() {
        StringBuilder statements = new StringBuilder();
        for (int i = 0; i < SPIN_STATEMENTS; i++) {
            statements.append("    BigDecimal w").append(i).append(" = x").append(".multiply(x)".repeat(SPIN_MULTIPLICATIONS))
                    .append(";\n");
        }
        return statements.toString();
    }

    /**
     * A DMN model named {@code name} of {@code decisions} decisions that each count the largest range the gate
     * allows to be written with numbers (the publication gate refuses more): about a second each, a list of a
     * million numbers (tens of MB) at most in memory while one runs.
     */
    public static String heavyModel(String name, int decisions) {
        return slowModel(name, decisions, 1_000_000);
    }
}
