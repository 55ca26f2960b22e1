package io.arbiter.analytics.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BgNbdParametersTest {

    private static final BgNbdParameters CDNOW = new BgNbdParameters(0.243, 4.414, 0.793, 2.426);

    @Test
    void aCustomerWithoutRepeatPurchasesIsAlive() {
        assertEquals(1, CDNOW.pAlive(new PurchaseHistorySummary(0, 0, 38.86, 0)));
        assertEquals(1, CDNOW.pAlive(new PurchaseHistorySummary(0, 0, 500, 0)));
    }

    @Test
    void pAliveFallsTheLongerACustomerHasBeenSilent() {
        double previous = 1;
        for (double age = 20; age <= 200; age += 10) {
            double pAlive = CDNOW.pAlive(new PurchaseHistorySummary(3, 20, age, 0));
            assertTrue(pAlive < previous, "P(alive) at T = " + age);
            assertTrue(pAlive > 0);
            previous = pAlive;
        }
    }

    @Test
    void pAliveRisesWithRecencyAndIsCertainForAPurchaseAtTheCalibrationEnd() {
        double previous = 0;
        for (double recency = 0; recency <= 30; recency += 5) {
            double pAlive = CDNOW.pAlive(new PurchaseHistorySummary(2, recency, 30, 0));
            assertTrue(pAlive > previous, "P(alive) at t_x = " + recency);
            previous = pAlive;
        }
        // a purchase at T leaves only the chance of dropping out at it: 1 / (1 + a / (b + x - 1))
        assertEquals(1 / (1 + 0.793 / (2.426 + 1)), previous, 1e-12);
    }

    @Test
    void expectedPurchasesStartAtZeroAndGrowWithTheHorizon() {
        PurchaseHistorySummary customer = new PurchaseHistorySummary(4, 30, 38, 0);
        assertEquals(0, CDNOW.expectedPurchases(0), 1e-15);
        assertEquals(0, CDNOW.expectedPurchases(0, customer), 1e-15);
        double previous = 0;
        for (double t = 4; t <= 520; t += 4) {
            double expected = CDNOW.expectedPurchases(t, customer);
            assertTrue(expected > previous, "E[Y(" + t + ")]");
            previous = expected;
        }
    }

    @Test
    void aNewCustomersConditionalExpectationIsTheUnconditionalOneShiftedByTheirAge() {
        // with x = 0 and T = 0 the customer has just made a first purchase: E[Y(t) | 0, 0, 0] = E[X(t)]
        PurchaseHistorySummary justArrived = new PurchaseHistorySummary(0, 0, 0, 0);
        for (double t : new double[] {1, 10, 52, 104}) {
            assertEquals(CDNOW.expectedPurchases(t), CDNOW.expectedPurchases(t, justArrived), 1e-12);
        }
    }

    @Test
    void likelihoodOfACustomerWithoutRepeatPurchasesHasItsClosedForm() {
        // x = 0: L = B(a, b) / B(a, b) * (alpha / (alpha + T))^r
        double expected = 0.243 * Math.log(4.414 / (4.414 + 38.86));
        assertEquals(expected, CDNOW.logLikelihood(new PurchaseHistorySummary(0, 0, 38.86, 0)), 1e-12);
    }

    @Test
    void rejectsParametersThatAreNotPositive() {
        assertThrows(IllegalArgumentException.class, () -> new BgNbdParameters(0, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BgNbdParameters(1, Double.NaN, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BgNbdParameters(1, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BgNbdParameters(1, 1, 1, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> CDNOW.expectedPurchases(-1));
    }
}
