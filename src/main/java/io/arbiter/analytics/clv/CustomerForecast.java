package io.arbiter.analytics.clv;

/**
 * What the lifetime-value models predict for one customer from the end of the calibration period.
 *
 * @param expectedPurchases    E[Y(t) | x, t_x, T] over the whole horizon
 * @param pAlive               the probability that the customer is still active
 * @param expectedAverageValue the expected value of the customer's future transactions
 * @param clv                  the discounted expected value of the purchases within the horizon
 */
public record CustomerForecast(double expectedPurchases, double pAlive, double expectedAverageValue, double clv) {
}
