package io.arbiter.analytics.clv;

import java.util.Objects;

/** BG/NBD for how many purchases a customer will make, Gamma-Gamma for what they will be worth. */
public record LifetimeValueModel(BgNbdParameters purchases, GammaGammaParameters spend) {

    public LifetimeValueModel {
        Objects.requireNonNull(purchases, "purchases");
        Objects.requireNonNull(spend, "spend");
    }

    /**
     * CLV = m * sum over months k = 1..H of (E[Y(t_k)] - E[Y(t_(k-1))]) * (1 + d)^(-k/12), with t_k = k months in
     * weeks, E[Y] the conditional BG/NBD expectation, m the Gamma-Gamma expected average value and d the annual
     * discount rate: each month's expected purchases are valued at the end of that month.
     */
    public CustomerForecast forecast(PurchaseHistorySummary customer, ClvHorizon horizon) {
        double averageValue = spend.expectedAverageValue(customer);
        double previous = 0;
        double discountedPurchases = 0;
        for (int month = 1; month <= horizon.months(); month++) {
            double cumulative = purchases.expectedPurchases(month * ClvHorizon.WEEKS_PER_MONTH, customer);
            discountedPurchases += (cumulative - previous) * horizon.discountFactor(month);
            previous = cumulative;
        }
        return new CustomerForecast(previous, purchases.pAlive(customer), averageValue,
                averageValue * discountedPurchases);
    }
}
