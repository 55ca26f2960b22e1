package io.arbiter.analytics.clv;

import org.apache.commons.math3.special.Beta;
import org.apache.commons.math3.special.Gamma;

/**
 * The BG/NBD model of repeat purchasing and dropout (Fader, Hardie &amp; Lee 2005, "Counting your customers the easy
 * way"): while alive a customer buys at a Poisson rate drawn from Gamma(r, alpha) and after each purchase drops out
 * with a probability drawn from Beta(a, b). Durations are in weeks, as in {@link PurchaseHistorySummary}.
 */
public record BgNbdParameters(double r, double alpha, double a, double b) {

    public BgNbdParameters {
        ModelParameters.requirePositive("r", r);
        ModelParameters.requirePositive("alpha", alpha);
        ModelParameters.requirePositive("a", a);
        ModelParameters.requirePositive("b", b);
    }

    /** The log of the likelihood of one customer's (x, t_x, T), equation (6) of the paper. */
    public double logLikelihood(PurchaseHistorySummary customer) {
        return frequencyTerms(customer.frequency())
                .logLikelihood(Math.log(alpha + customer.recency()), Math.log(alpha + customer.age()));
    }

    /** E[X(t)], the expected number of repeat purchases of a new customer within t weeks of the first purchase. */
    public double expectedPurchases(double t) {
        requireHorizon(t);
        double z = t / (alpha + t);
        double hypergeometric = Hypergeometric2F1.value(r, b, a + b - 1, z);
        return (a + b - 1) / (a - 1) * (1 - Math.pow(alpha / (alpha + t), r) * hypergeometric);
    }

    /** E[Y(t) | x, t_x, T], the expected number of purchases in the t weeks after the calibration period. */
    public double expectedPurchases(double t, PurchaseHistorySummary customer) {
        requireHorizon(t);
        int x = customer.frequency();
        double ageAlpha = alpha + customer.age();
        double z = t / (ageAlpha + t);
        double hypergeometric = Hypergeometric2F1.value(r + x, b + x, a + b + x - 1, z);
        double whileAlive = (a + b + x - 1) / (a - 1)
                * (1 - Math.pow(ageAlpha / (ageAlpha + t), r + x) * hypergeometric);
        return whileAlive * pAlive(customer);
    }

    /** P(alive | x, t_x, T): 1 for a customer without repeat purchases, who has had no chance to drop out yet. */
    public double pAlive(PurchaseHistorySummary customer) {
        int x = customer.frequency();
        if (x == 0) {
            return 1;
        }
        double oddsDead = a / (b + x - 1) * Math.pow((alpha + customer.age()) / (alpha + customer.recency()), r + x);
        return 1 / (1 + oddsDead);
    }

    /**
     * The parts of the likelihood that depend on the parameters and x only; a fit over many customers computes them
     * once per distinct x.
     */
    FrequencyTerms frequencyTerms(int x) {
        double logBetaAB = Beta.logBeta(a, b);
        double shared = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double alive = Beta.logBeta(a, b + x) - logBetaAB;
        double droppedAtLast = x == 0 ? Double.NEGATIVE_INFINITY
                : Beta.logBeta(a + 1, b + x - 1) - logBetaAB;
        return new FrequencyTerms(r + x, shared, alive, droppedAtLast);
    }

    /**
     * ln L = shared + ln( exp(alive - (r+x) ln(alpha+T)) + exp(droppedAtLast - (r+x) ln(alpha+t_x)) ), the second
     * term present only for x > 0.
     */
    record FrequencyTerms(double rPlusX, double shared, double alive, double droppedAtLast) {

        double logLikelihood(double logAlphaPlusRecency, double logAlphaPlusAge) {
            double stillAlive = alive - rPlusX * logAlphaPlusAge;
            double dropped = droppedAtLast - rPlusX * logAlphaPlusRecency;
            double larger = Math.max(stillAlive, dropped);
            return shared + larger + Math.log1p(Math.exp(Math.min(stillAlive, dropped) - larger));
        }
    }

    private static void requireHorizon(double t) {
        if (!(t >= 0 && Double.isFinite(t))) {
            throw new IllegalArgumentException("horizon must be finite and not negative, got " + t);
        }
    }
}
