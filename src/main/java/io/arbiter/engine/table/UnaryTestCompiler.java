package io.arbiter.engine.table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles the plain forms of FEEL unary tests that decision tables are mostly made of: {@code -}, {@code null},
 * number, string and boolean literals, comparisons with a number ({@code < 5}, {@code >= 0.8}), intervals
 * ({@code [1..10)}, {@code ]1..10]}) and comma-separated lists of these. Anything else is not compiled: the whole
 * table then stays with kie-dmn's interpreter.
 */
final class UnaryTestCompiler {

    private static final String NUMBER = "-?\\d+(?:\\.\\d+)?";
    private static final Pattern COMPARISON = Pattern.compile("(<=|>=|<|>)\\s*(" + NUMBER + ")");
    private static final Pattern INTERVAL = Pattern.compile("([\\[(\\]])\\s*(" + NUMBER + ")\\s*\\.\\.\\s*(" + NUMBER + ")\\s*([\\])\\[])");
    private static final Pattern NUMBER_LITERAL = Pattern.compile(NUMBER);
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"\\\\]*)\"");

    private UnaryTestCompiler() {
    }

    static Optional<CellTest> compile(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.equals("-") || trimmed.isEmpty()) {
            return Optional.of(CellTest.ANY);
        }
        List<String> parts = splitTopLevel(trimmed);
        if (parts == null) {
            return Optional.empty();
        }
        List<CellTest> tests = new ArrayList<>(parts.size());
        for (String part : parts) {
            CellTest test = single(part.strip());
            if (test == null) {
                return Optional.empty();
            }
            tests.add(test);
        }
        return Optional.of(tests.size() == 1 ? tests.get(0) : anyOf(tests.toArray(CellTest[]::new)));
    }

    private static CellTest single(String text) {
        if (text.equals("null")) {
            return CellTest.IS_NULL;
        }
        if (text.equals("true") || text.equals("false")) {
            boolean expected = Boolean.parseBoolean(text);
            return value -> value == null ? CellTest.NO
                    : value instanceof Boolean b ? (b == expected ? CellTest.YES : CellTest.NO) : CellTest.UNDECIDED;
        }
        Matcher string = STRING_LITERAL.matcher(text);
        if (string.matches()) {
            String expected = string.group(1);
            return value -> value == null ? CellTest.NO
                    : value instanceof String s ? (s.equals(expected) ? CellTest.YES : CellTest.NO) : CellTest.UNDECIDED;
        }
        if (NUMBER_LITERAL.matcher(text).matches()) {
            BigDecimal expected = new BigDecimal(text);
            return numeric(n -> n.compareTo(expected) == 0);
        }
        Matcher comparison = COMPARISON.matcher(text);
        if (comparison.matches()) {
            BigDecimal bound = new BigDecimal(comparison.group(2));
            return switch (comparison.group(1)) {
                case "<" -> numeric(n -> n.compareTo(bound) < 0);
                case "<=" -> numeric(n -> n.compareTo(bound) <= 0);
                case ">" -> numeric(n -> n.compareTo(bound) > 0);
                default -> numeric(n -> n.compareTo(bound) >= 0);
            };
        }
        Matcher interval = INTERVAL.matcher(text);
        if (interval.matches()) {
            boolean lowClosed = interval.group(1).equals("[");
            BigDecimal low = new BigDecimal(interval.group(2));
            BigDecimal high = new BigDecimal(interval.group(3));
            boolean highClosed = interval.group(4).equals("]");
            return numeric(n -> {
                int fromLow = n.compareTo(low);
                int fromHigh = n.compareTo(high);
                return (lowClosed ? fromLow >= 0 : fromLow > 0) && (highClosed ? fromHigh <= 0 : fromHigh < 0);
            });
        }
        return null;
    }

    private interface NumberPredicate {
        boolean test(BigDecimal number);
    }

    private static CellTest numeric(NumberPredicate predicate) {
        return value -> {
            if (value == null) {
                return CellTest.NO;
            }
            BigDecimal number = CellTest.number(value);
            if (number == null) {
                return CellTest.UNDECIDED;
            }
            return predicate.test(number) ? CellTest.YES : CellTest.NO;
        };
    }

    private static CellTest anyOf(CellTest[] tests) {
        return value -> {
            int outcome = CellTest.NO;
            for (CellTest test : tests) {
                int one = test.test(value);
                if (one == CellTest.YES) {
                    return CellTest.YES;
                }
                if (one == CellTest.UNDECIDED) {
                    outcome = CellTest.UNDECIDED;
                }
            }
            return outcome;
        };
    }

    /**
     * Splits on commas outside string literals; null when a string literal is not closed. A comma inside a form
     * this class does not compile (a function call, a list literal) splits it into parts that match no pattern, so
     * the cell falls back to the interpreter rather than being misread.
     */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        boolean inString = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                inString = !inString;
            } else if (!inString && c == ',') {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (inString) {
            return null;
        }
        parts.add(text.substring(start));
        return parts;
    }
}
