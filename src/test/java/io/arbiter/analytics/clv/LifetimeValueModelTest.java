package io.arbiter.analytics.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LifetimeValueModelTest {

    private static final LifetimeValueModel CDNOW = new LifetimeValueModel(
            new BgNbdParameters(0.243, 4.414, 0.793, 2.426), new GammaGammaParameters(6.25, 3.74, 15.44));
    private static final PurchaseHistorySummary REGULAR = new PurchaseHistorySummary(5, 35, 38.86, 40);

    @Test
    void clvGrowsWithTheHorizon() {
        double previous = 0;
        for (int months = 1; months <= 120; months++) {
            double clv = CDNOW.forecast(REGULAR, new ClvHorizon(months, 0.1)).clv();
            assertTrue(clv > previous, "CLV over " + months + " months");
            previous = clv;
        }
    }

    @Test
    void clvFallsWithTheDiscountRate() {
        double previous = Double.POSITIVE_INFINITY;
        for (double rate = 0; rate <= 0.5; rate += 0.05) {
            double clv = CDNOW.forecast(REGULAR, new ClvHorizon(36, rate)).clv();
            assertTrue(clv < previous, "CLV at " + rate);
            previous = clv;
        }
    }

    @Test
    void undiscountedClvIsExpectedPurchasesTimesExpectedValue() {
        CustomerForecast forecast = CDNOW.forecast(REGULAR, new ClvHorizon(12, 0));
        double weeks = 12 * 365.25 / 12 / 7;
        assertEquals(CDNOW.purchases().expectedPurchases(weeks, REGULAR), forecast.expectedPurchases(), 1e-12);
        assertEquals(CDNOW.spend().expectedAverageValue(REGULAR), forecast.expectedAverageValue(), 1e-12);
        assertEquals(CDNOW.purchases().pAlive(REGULAR), forecast.pAlive(), 1e-15);
        assertEquals(forecast.expectedPurchases() * forecast.expectedAverageValue(), forecast.clv(), 1e-9);
    }

    @Test
    void aCustomerLikelyGoneIsWorthLessThanAnActiveOneWithTheSameHistory() {
        PurchaseHistorySummary silent = new PurchaseHistorySummary(5, 5, 38.86, 40);
        ClvHorizon year = new ClvHorizon(12, 0.1);
        assertTrue(CDNOW.forecast(silent, year).pAlive() < CDNOW.forecast(REGULAR, year).pAlive());
        assertTrue(CDNOW.forecast(silent, year).clv() < CDNOW.forecast(REGULAR, year).clv());
    }

    @Test
    void rejectsAnEmptyHorizonOrNegativeRate() {
        assertThrows(IllegalArgumentException.class, () -> new ClvHorizon(0, 0.1));
        assertThrows(IllegalArgumentException.class, () -> new ClvHorizon(12, -0.1));
        assertThrows(IllegalArgumentException.class, () -> new ClvHorizon(12, Double.NaN));
    }
}
