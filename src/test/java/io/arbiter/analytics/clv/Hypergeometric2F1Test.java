package io.arbiter.analytics.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Hypergeometric2F1Test {

    @ParameterizedTest
    @ValueSource(doubles = {-0.9, -0.5, 0.001, 0.3, 0.7, 0.95, 0.999})
    void logarithmClosedForm(double z) {
        assertEquals(-Math.log1p(-z) / z, Hypergeometric2F1.value(1, 1, 2, z), 1e-12 * Math.abs(Math.log1p(-z) / z));
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.8, 0.2, 0.6, 0.99})
    void binomialClosedForm(double z) {
        // 2F1(a, b; b; z) = (1 - z)^-a
        double expected = Math.pow(1 - z, -0.37);
        assertEquals(expected, Hypergeometric2F1.value(0.37, 2.5, 2.5, z), 1e-12 * expected);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.5, 0.9, 0.99})
    void inverseTrigonometricClosedForms(double x) {
        double z = x * x;
        assertEquals(Math.asin(x) / x, Hypergeometric2F1.value(0.5, 0.5, 1.5, z), 1e-12);
        double artanh = 0.5 * Math.log((1 + x) / (1 - x));
        assertEquals(artanh / x, Hypergeometric2F1.value(0.5, 1, 1.5, z), 1e-12 * artanh / x);
    }

    @Test
    void terminatesForANegativeIntegerParameter() {
        double b = 1.7;
        double c = 3.2;
        double z = 0.8;
        double polynomial = 1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1));
        assertEquals(polynomial, Hypergeometric2F1.value(-2, b, c, z), 1e-15);
    }

    @Test
    void isOneAtZero() {
        assertEquals(1, Hypergeometric2F1.value(0.243, 2.426, 2.219, 0), 0);
    }

    @Test
    void convergesNearOneWithinTheTermCap() {
        // z = 1 - 1e-4: the terms shrink by about 1e-4 each, so tens of thousands of terms are needed
        double z = 1 - 1e-4;
        assertEquals(-Math.log1p(-z) / z, Hypergeometric2F1.value(1, 1, 2, z), 1e-10);
    }

    @Test
    void reportsASeriesThatDoesNotConvergeWithinItsCap() {
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> Hypergeometric2F1.value(1, 1, 2, 0.9999, 1_000));
        assertEquals("2F1(1.0, 1.0; 2.0; 0.9999) series did not converge within 1000 terms", e.getMessage());
    }

    @Test
    void rejectsArgumentsOutsideTheSeriesDomain() {
        assertThrows(IllegalArgumentException.class, () -> Hypergeometric2F1.value(1, 1, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> Hypergeometric2F1.value(1, 1, 2, -1.5));
        assertThrows(IllegalArgumentException.class, () -> Hypergeometric2F1.value(1, 1, 2, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Hypergeometric2F1.value(1, 1, -3, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Hypergeometric2F1.value(1, 1, 0, 0.5));
    }
}
