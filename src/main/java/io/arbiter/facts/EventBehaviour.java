package io.arbiter.facts;

import java.math.BigDecimal;

/** The behavioural facts a customer's event log gives as of a reference date. */
public record EventBehaviour(
        int recencyDays,
        int frequency12m,
        BigDecimal monetary12m,
        int missedPayments12m,
        int chargebacks12m,
        int complaints90d,
        Integer lastContactDays,
        EventSummary summary) {
}
