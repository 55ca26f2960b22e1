package io.arbiter.engine.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.kie.dmn.feel.FEEL;
import org.kie.dmn.feel.lang.EvaluationContext;
import org.kie.dmn.feel.lang.impl.FEELImpl;
import org.kie.dmn.feel.runtime.UnaryTest;

/** Every compiled cell agrees with kie-dmn's own FEEL unary tests on the same values, or defers to them. */
class UnaryTestCompilerTest {

    private static final List<String> CELLS = List.of("-", "null", "5", "-2.5", "< 10", "<= 10", "> 0.8", ">= 0.8",
            "<=-1", "[1..10]", "[1..10)", "(1..10]", "(1..10)", "]1..10]", "[1..10[", "]1..10[", "[0.15..0.6)",
            "\"GOLD\"", "\"PLATINUM\", \"GOLD\"", "true", "false", "< 5, > 100", "1, 2, 3", "null, > 3");
    private static final List<String> NOT_COMPILED = List.of("not(5)", "date(\"2020-01-01\")", "> x",
            "count(?) > 1", "\"a\\\"b\"", "[1, 2]", "? > 5");
    private static final List<Object> VALUES = Arrays.asList(null, new BigDecimal("-2.5"), new BigDecimal("-1"),
            BigDecimal.ZERO, new BigDecimal("0.15"), new BigDecimal("0.6"), new BigDecimal("0.8"), BigDecimal.ONE,
            new BigDecimal("1.0"), new BigDecimal("3"), new BigDecimal("5"), new BigDecimal("9.999"), BigDecimal.TEN,
            new BigDecimal("10.000"), new BigDecimal("101"), 5, 10L, "GOLD", "PLATINUM", "gold", "", true, false);

    private final FEELImpl feel = (FEELImpl) FEEL.newInstance(getClass().getClassLoader(), List.of());

    @Test
    void compiledCellsAgreeWithKieOnEveryValue() {
        for (String cell : CELLS) {
            Optional<CellTest> compiled = UnaryTestCompiler.compile(cell);
            assertTrue(compiled.isPresent(), "compiles: " + cell);
            List<UnaryTest> kie = feel.evaluateUnaryTests(cell);
            for (Object value : VALUES) {
                int ours = compiled.get().test(value);
                if (ours == CellTest.UNDECIDED) {
                    continue;
                }
                boolean expected = kie.stream().anyMatch(t -> Boolean.TRUE.equals(t.apply(context(), value)));
                assertEquals(expected, ours == CellTest.YES, "cell '" + cell + "' on value " + describe(value));
            }
        }
    }

    @Test
    void stringAndNumberTestsDeferOnValuesOfAnotherKind() {
        assertEquals(CellTest.UNDECIDED, UnaryTestCompiler.compile("< 10").orElseThrow().test("9"));
        assertEquals(CellTest.UNDECIDED, UnaryTestCompiler.compile("\"GOLD\"").orElseThrow().test(BigDecimal.ONE));
        assertEquals(CellTest.UNDECIDED, UnaryTestCompiler.compile("true").orElseThrow().test("true"));
        assertEquals(CellTest.UNDECIDED, UnaryTestCompiler.compile("5").orElseThrow().test(5.0d));
    }

    @Test
    void formsItDoesNotKnowAreLeftToTheInterpreter() {
        for (String cell : NOT_COMPILED) {
            assertTrue(UnaryTestCompiler.compile(cell).isEmpty(), "not compiled: " + cell);
        }
    }

    private EvaluationContext context() {
        return feel.newEvaluationContext(List.of(), Map.of());
    }

    private static String describe(Object value) {
        return value == null ? "null" : value + " (" + value.getClass().getSimpleName() + ")";
    }
}
