package io.arbiter.analytics.clv;

/**
 * How far ahead lifetime value looks and how it discounts.
 *
 * @param months             the horizon in calendar months (each 365.25 / 12 days)
 * @param annualDiscountRate the yearly discount rate, e.g. 0.10 for 10%
 */
public record ClvHorizon(int months, double annualDiscountRate) {

    /** Weeks in an average calendar month. */
    static final double WEEKS_PER_MONTH = 365.25 / 12 / 7;

    public ClvHorizon {
        if (months < 1) {
            throw new IllegalArgumentException("the CLV horizon needs at least one month, got " + months);
        }
        if (!(annualDiscountRate >= 0 && Double.isFinite(annualDiscountRate))) {
            throw new IllegalArgumentException("the annual discount rate must be finite and not negative, got "
                    + annualDiscountRate);
        }
    }

    /** The factor by which value at the end of month k is worth less today: (1 + d)^(-k/12). */
    double discountFactor(int month) {
        return Math.pow(1 + annualDiscountRate, -month / 12.0);
    }
}
