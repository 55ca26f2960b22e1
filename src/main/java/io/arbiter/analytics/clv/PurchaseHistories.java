package io.arbiter.analytics.clv;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Turns one customer's purchase log into the summary the lifetime-value models are fitted on. */
public final class PurchaseHistories {

    private static final double DAYS_PER_WEEK = 7.0;

    private PurchaseHistories() {
    }

    /**
     * Summarises the purchases made on or before {@code calibrationEnd}. Purchases on the same day count as one
     * transaction whose value is their sum, as in the published CDNOW analyses. The log may be in any order.
     *
     * @return empty when the customer bought nothing in the calibration period
     */
    public static Optional<PurchaseHistorySummary> summarise(List<Purchase> purchases, LocalDate calibrationEnd) {
        Purchase[] inPeriod = purchases.stream()
                .filter(p -> !p.day().isAfter(calibrationEnd))
                .toArray(Purchase[]::new);
        if (inPeriod.length == 0) {
            return Optional.empty();
        }
        Arrays.sort(inPeriod, Comparator.comparing(Purchase::day));

        LocalDate first = inPeriod[0].day();
        LocalDate last = first;
        int repeatTransactions = 0;
        BigDecimal repeatValue = BigDecimal.ZERO;
        for (int i = 1; i < inPeriod.length; i++) {
            Purchase purchase = inPeriod[i];
            if (purchase.day().equals(first)) {
                continue; // part of the first transaction, which the spend model leaves out
            }
            if (!purchase.day().equals(last)) {
                repeatTransactions++;
                last = purchase.day();
            }
            repeatValue = repeatValue.add(purchase.amount());
        }
        double meanRepeatValue = repeatTransactions == 0 ? 0
                : repeatValue.divide(BigDecimal.valueOf(repeatTransactions), MathContext.DECIMAL64).doubleValue();
        return Optional.of(new PurchaseHistorySummary(repeatTransactions,
                weeksBetween(first, last), weeksBetween(first, calibrationEnd), meanRepeatValue));
    }

    private static double weeksBetween(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / DAYS_PER_WEEK;
    }
}
