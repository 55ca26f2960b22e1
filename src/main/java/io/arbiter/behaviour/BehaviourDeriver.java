package io.arbiter.behaviour;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

import io.arbiter.events.CustomerEvent;
import io.arbiter.events.EventLog;
import io.arbiter.facts.EventBehaviour;
import io.arbiter.facts.EventSummary;

/**
 * Derives a customer's behavioural facts from the event log as of a reference date; events after it are left out,
 * so the same log and date always give the same facts. A transaction is a purchase day (purchases on one day are
 * one transaction, as the lifetime-value models count them); windows end on the reference date inclusive:
 * "12m" covers the twelve months before it, "90d" the 90 days before it.
 */
public final class BehaviourDeriver {

    private BehaviourDeriver() {
    }

    public static EventBehaviour derive(EventLog log, LocalDate asOf) {
        LocalDate yearStart = asOf.minusYears(1);
        LocalDate quarterStart = asOf.minusDays(90);
        TreeMap<LocalDate, BigDecimal> purchaseDays = new TreeMap<>();
        BigDecimal refunds12m = BigDecimal.ZERO;
        LocalDate firstEvent = null;
        LocalDate lastContact = null;
        long events = 0;
        int missedPayments = 0;
        int chargebacks = 0;
        int complaints = 0;
        for (CustomerEvent event : log.events()) {
            LocalDate day = event.occurredOn();
            if (day.isAfter(asOf)) {
                continue;
            }
            events++;
            firstEvent = firstEvent == null || day.isBefore(firstEvent) ? day : firstEvent;
            boolean inYear = day.isAfter(yearStart);
            switch (event.type()) {
                case PURCHASE -> purchaseDays.merge(day, event.amount(), BigDecimal::add);
                case REFUND -> refunds12m = inYear ? refunds12m.add(event.amount()) : refunds12m;
                case MISSED_PAYMENT -> missedPayments += inYear ? 1 : 0;
                case CHARGEBACK -> chargebacks += inYear ? 1 : 0;
                case COMPLAINT -> complaints += day.isAfter(quarterStart) ? 1 : 0;
                case CONTACT -> lastContact = lastContact == null || day.isAfter(lastContact) ? day : lastContact;
                case PAYMENT -> { }
            }
        }
        BigDecimal spend12m = BigDecimal.ZERO;
        int transactions12m = 0;
        for (Map.Entry<LocalDate, BigDecimal> day : purchaseDays.tailMap(yearStart, false).entrySet()) {
            spend12m = spend12m.add(day.getValue());
            transactions12m++;
        }
        BigDecimal monetary12m = spend12m.subtract(refunds12m).max(BigDecimal.ZERO);
        LocalDate firstPurchase = purchaseDays.isEmpty() ? null : purchaseDays.firstKey();
        LocalDate lastPurchase = purchaseDays.isEmpty() ? null : purchaseDays.lastKey();
        LocalDate recencyFrom = lastPurchase != null ? lastPurchase : firstEvent;
        int recencyDays = recencyFrom == null ? 0 : (int) ChronoUnit.DAYS.between(recencyFrom, asOf);
        Integer lastContactDays = lastContact == null ? null : (int) ChronoUnit.DAYS.between(lastContact, asOf);
        int repeatPurchases = Math.max(0, purchaseDays.size() - 1);
        EventSummary summary = new EventSummary(asOf, events, firstPurchase, lastPurchase, repeatPurchases,
                averageRepeatSpend(purchaseDays));
        return new EventBehaviour(recencyDays, transactions12m, monetary12m, missedPayments, chargebacks, complaints,
                lastContactDays, summary);
    }

    /** Mean value of the purchase days after the first; null without repeat purchases. */
    private static BigDecimal averageRepeatSpend(TreeMap<LocalDate, BigDecimal> purchaseDays) {
        if (purchaseDays.size() < 2) {
            return null;
        }
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal amount : purchaseDays.tailMap(purchaseDays.firstKey(), false).values()) {
            total = total.add(amount);
        }
        return total.divide(BigDecimal.valueOf(purchaseDays.size() - 1L), 4, RoundingMode.HALF_EVEN);
    }
}
