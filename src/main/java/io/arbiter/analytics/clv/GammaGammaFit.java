package io.arbiter.analytics.clv;

/**
 * A maximum-likelihood Gamma-Gamma fit.
 *
 * @param customers         the customers fitted on: at least one repeat transaction and a positive mean repeat value
 * @param zeroValueExcluded customers with repeat transactions that were all worth 0, left out of the fit
 */
public record GammaGammaFit(GammaGammaParameters parameters, double logLikelihood, int customers,
                            int zeroValueExcluded) {
}
