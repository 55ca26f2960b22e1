package io.arbiter.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.infinispan.protostream.annotations.Proto;

/**
 * What the lifetime-value models need from a customer's purchases, kept with the facts derived from the event log:
 * the reference date they were derived as of, first and last purchase day, the number of repeat purchases (purchase
 * days after the first, as the models count transactions) and the mean value of those repeat purchases.
 */
@Proto
public record EventSummary(
        LocalDate asOf,
        long events,
        LocalDate firstPurchaseOn,
        LocalDate lastPurchaseOn,
        int repeatPurchases,
        BigDecimal avgRepeatSpend) {
}
