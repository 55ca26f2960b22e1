package io.arbiter.analytics.clv;

/** A maximum-likelihood BG/NBD fit: the parameters, the log-likelihood they reach and how many customers it covers. */
public record BgNbdFit(BgNbdParameters parameters, double logLikelihood, int customers) {
}
