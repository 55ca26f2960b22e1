package io.arbiter.analytics.clv;

/**
 * What the BG/NBD and Gamma-Gamma models know of one customer at the end of a calibration period, durations in weeks.
 *
 * @param frequency       x, the number of repeat transactions (transactions after the first)
 * @param recency         t_x, weeks from the first to the last transaction (0 when x = 0)
 * @param age             T, weeks from the first transaction to the end of the calibration period
 * @param meanRepeatValue mean value of the repeat transactions, the first excluded; 0 when x = 0
 */
public record PurchaseHistorySummary(int frequency, double recency, double age, double meanRepeatValue) {

    public PurchaseHistorySummary {
        if (frequency < 0) {
            throw new IllegalArgumentException("frequency must not be negative: " + frequency);
        }
        if (!(recency >= 0 && recency <= age && Double.isFinite(age))) {
            throw new IllegalArgumentException("need 0 <= recency <= age, got recency " + recency + ", age " + age);
        }
        if (frequency == 0 && recency != 0) {
            throw new IllegalArgumentException("a customer without repeat transactions has recency 0, got " + recency);
        }
        if (!(meanRepeatValue >= 0 && Double.isFinite(meanRepeatValue))) {
            throw new IllegalArgumentException("mean repeat value must be finite and not negative: " + meanRepeatValue);
        }
        if (frequency == 0 && meanRepeatValue != 0) {
            throw new IllegalArgumentException("a customer without repeat transactions has mean repeat value 0");
        }
    }
}
