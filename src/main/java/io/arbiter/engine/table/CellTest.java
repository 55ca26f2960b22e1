package io.arbiter.engine.table;

import java.math.BigDecimal;

/**
 * One decision-table input entry compiled to a predicate. {@link #UNDECIDED} means the value is of a kind the
 * compiled form does not handle (say, a string tested against a number); the table then defers that evaluation
 * to kie-dmn, so semantics never depend on this class guessing.
 */
interface CellTest {

    int NO = 0;
    int YES = 1;
    int UNDECIDED = 2;

    int test(Object value);

    CellTest ANY = value -> YES;

    CellTest IS_NULL = value -> value == null ? YES : NO;

    /** FEEL numbers are BigDecimal; other Java numbers are widened the same way kie-dmn coerces them. */
    static BigDecimal number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        return null;
    }
}
