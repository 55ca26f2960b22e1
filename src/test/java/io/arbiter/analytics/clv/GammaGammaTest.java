package io.arbiter.analytics.clv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.Test;

class GammaGammaTest {

    private static final GammaGammaParameters CDNOW = new GammaGammaParameters(6.25, 3.74, 15.44);

    @Test
    void expectedValueWeighsTheCustomersOwnMeanByTheirRepeatPurchases() {
        double populationMean = 15.44 * 6.25 / (3.74 - 1);
        assertEquals(populationMean, CDNOW.expectedAverageValue(new PurchaseHistorySummary(0, 0, 30, 0)), 1e-12);
        PurchaseHistorySummary oneRepeat = new PurchaseHistorySummary(1, 10, 30, 100);
        PurchaseHistorySummary tenRepeats = new PurchaseHistorySummary(10, 10, 30, 100);
        double one = CDNOW.expectedAverageValue(oneRepeat);
        double ten = CDNOW.expectedAverageValue(tenRepeats);
        assertEquals((15.44 + 100) * 6.25 / (6.25 + 3.74 - 1), one, 1e-12);
        assertEquals(true, populationMean < one && one < ten && ten < 100, "shrinks towards the population mean");
    }

    @Test
    void expectedValueNeedsAFinitePopulationMean() {
        GammaGammaParameters heavyTailed = new GammaGammaParameters(0.5, 0.9, 10);
        assertThrows(ArithmeticException.class,
                () -> heavyTailed.expectedAverageValue(new PurchaseHistorySummary(0, 0, 30, 0)));
    }

    @Test
    void aZeroMeanRepeatValueHasNoLikelihood() {
        assertThrows(IllegalArgumentException.class,
                () -> CDNOW.logLikelihood(new PurchaseHistorySummary(2, 10, 30, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> CDNOW.logLikelihood(new PurchaseHistorySummary(0, 0, 30, 0)));
    }

    @Test
    void fitRecoversSimulatedParametersAndCountsTheZeroValueCustomersItLeavesOut() {
        GammaGammaParameters truth = new GammaGammaParameters(4, 3, 20);
        Well19937c random = new Well19937c(42);
        Random frequencies = new Random(42);
        List<PurchaseHistorySummary> customers = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            // nu ~ Gamma(q, gamma) (rate gamma); each transaction ~ Gamma(p, nu) (rate nu); the mean of x of them
            // is Gamma(p x, nu x)
            double nu = new GammaDistribution(random, truth.q(), 1 / truth.gamma()).sample();
            int x = 1 + frequencies.nextInt(8);
            double mean = new GammaDistribution(random, truth.p() * x, 1 / (nu * x)).sample();
            customers.add(new PurchaseHistorySummary(x, 10, 30, mean));
        }
        customers.add(new PurchaseHistorySummary(3, 10, 30, 0));
        customers.add(new PurchaseHistorySummary(0, 0, 30, 0));

        GammaGammaFit fit = GammaGammaFitter.fit(customers);

        assertEquals(5_000, fit.customers());
        assertEquals(1, fit.zeroValueExcluded());
        assertEquals(truth.p(), fit.parameters().p(), truth.p() * 0.1);
        assertEquals(truth.q(), fit.parameters().q(), truth.q() * 0.1);
        assertEquals(truth.gamma(), fit.parameters().gamma(), truth.gamma() * 0.15);
        double perCustomer = customers.stream().filter(c -> c.meanRepeatValue() > 0)
                .mapToDouble(fit.parameters()::logLikelihood).sum();
        assertEquals(perCustomer, fit.logLikelihood(), 1e-6);
    }

    @Test
    void fitNeedsACustomerWithPositiveRepeatSpend() {
        assertThrows(IllegalArgumentException.class, () -> GammaGammaFitter.fit(
                List.of(new PurchaseHistorySummary(0, 0, 30, 0), new PurchaseHistorySummary(2, 5, 30, 0))));
    }
}
