package io.arbiter.analytics.clv;

import org.apache.commons.math3.special.Gamma;

/**
 * The Gamma-Gamma spend model (Fader, Hardie &amp; Lee 2005, "RFM and CLV: using iso-value curves"): transaction
 * values vary around a customer's mean with Gamma(p, nu), and nu varies across customers with Gamma(q, gamma).
 * It is conditioned on the mean value of the repeat transactions, independent of how often the customer buys.
 */
public record GammaGammaParameters(double p, double q, double gamma) {

    public GammaGammaParameters {
        ModelParameters.requirePositive("p", p);
        ModelParameters.requirePositive("q", q);
        ModelParameters.requirePositive("gamma", gamma);
    }

    /**
     * The log-density of a customer's mean repeat value m given x: ln Gamma(px+q) - ln Gamma(px) - ln Gamma(q)
     * + q ln gamma + (px-1) ln m + px ln x - (px+q) ln(gamma + m x).
     *
     * @throws IllegalArgumentException when the customer has no repeat transaction or a mean repeat value of 0,
     *                                  whose density is not defined (ln 0)
     */
    public double logLikelihood(PurchaseHistorySummary customer) {
        if (!GammaGammaFitter.informative(customer)) {
            throw new IllegalArgumentException("Gamma-Gamma needs x >= 1 and a positive mean repeat value, got "
                    + customer);
        }
        int x = customer.frequency();
        return frequencyTerm(x) + valueTerm(x, Math.log(customer.meanRepeatValue()), customer.meanRepeatValue());
    }

    /**
     * E[M | p, q, gamma, m_x, x] = (gamma + m_x x) p / (px + q - 1): a weighted mean of the population mean
     * gamma p / (q - 1) and the customer's own mean, which weighs more the more repeat transactions there are.
     * For a customer without repeat transactions it is the population mean.
     *
     * @throws ArithmeticException when the expectation does not exist (px + q <= 1, for x = 0 q <= 1)
     */
    public double expectedAverageValue(PurchaseHistorySummary customer) {
        int x = customer.frequency();
        double denominator = p * x + q - 1;
        if (!(denominator > 0)) {
            throw new ArithmeticException("the expected average value needs px + q > 1, got p = " + p + ", q = " + q
                    + ", x = " + x);
        }
        return (gamma + customer.meanRepeatValue() * x) * p / denominator;
    }

    /** The part of the log-density that depends on x only, shared by all customers with that x. */
    double frequencyTerm(int x) {
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(gamma)
                + px * Math.log(x);
    }

    double valueTerm(int x, double logMeanValue, double meanValue) {
        double px = p * x;
        return (px - 1) * logMeanValue - (px + q) * Math.log(gamma + meanValue * x);
    }
}
