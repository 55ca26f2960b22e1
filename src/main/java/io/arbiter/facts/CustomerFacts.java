package io.arbiter.facts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.infinispan.protostream.annotations.Proto;

/**
 * What Arbiter knows about one customer: profile, behaviour (recency, frequency, monetary value, lifetime value)
 * and risk signals. Units are in the names. {@code version} and {@code updatedAt} are set by the store.
 * Optional facts ({@code clv}, {@code pAlive}, {@code creditUtilization}, {@code lastContactDays}) are null when unknown.
 * <p>
 * A customer whose behaviour arrives as events has {@code fromEvents}: the behavioural facts were derived from the
 * event log as of its reference date, and a facts upsert cannot overwrite them. {@code rfm} is set by the RFM
 * scoring job, {@code expectedPurchases} with {@code clv} and {@code pAlive} by the current lifetime-value model.
 * Profile fields are null for a customer known only from events until the facts API sends them.
 */
@Proto
public record CustomerFacts(
        String customerId,
        Segment segment,
        String country,
        LocalDate joinedOn,
        Consent consent,
        int recencyDays,
        int frequency12m,
        BigDecimal monetary12m,
        BigDecimal clv,
        BigDecimal pAlive,
        int maxDaysPastDue,
        int missedPayments12m,
        int chargebacks12m,
        int complaints90d,
        boolean fraudFlag,
        BigDecimal creditUtilization,
        Integer lastContactDays,
        long version,
        Instant updatedAt,
        EventSummary fromEvents,
        RfmScore rfm,
        BigDecimal expectedPurchases) {

    /** The same facts as stored at {@code newVersion}, written at {@code at}. */
    public CustomerFacts stamped(long newVersion, Instant at) {
        return new CustomerFacts(customerId, segment, country, joinedOn, consent, recencyDays, frequency12m,
                monetary12m, clv, pAlive, maxDaysPastDue, missedPayments12m, chargebacks12m, complaints90d,
                fraudFlag, creditUtilization, lastContactDays, newVersion, at, fromEvents, rfm, expectedPurchases);
    }

    /** Whether the profile (segment, country, joinedOn, consent) is known; events alone do not tell it. */
    public boolean hasProfile() {
        return segment != null && country != null && joinedOn != null && consent != null;
    }

    /** These profile facts with the behaviour, scores and model facts of {@code stored}, where it has them. */
    public CustomerFacts keepingDerivedFrom(CustomerFacts stored) {
        if (stored == null) {
            return this;
        }
        CustomerFacts base = stored.fromEvents == null ? this : new CustomerFacts(customerId, segment, country, joinedOn,
                consent, stored.recencyDays, stored.frequency12m, stored.monetary12m, stored.clv, stored.pAlive,
                maxDaysPastDue, stored.missedPayments12m, stored.chargebacks12m, stored.complaints90d, fraudFlag,
                creditUtilization, stored.lastContactDays, version, updatedAt, stored.fromEvents, null, null);
        return base.withModelFacts(stored.rfm, stored.expectedPurchases == null ? base.clv : stored.clv,
                stored.expectedPurchases == null ? base.pAlive : stored.pAlive, stored.expectedPurchases);
    }

    /** The same customer with behavioural facts derived from events. */
    public CustomerFacts withBehaviour(EventBehaviour behaviour) {
        return new CustomerFacts(customerId, segment, country, joinedOn, consent, behaviour.recencyDays(),
                behaviour.frequency12m(), behaviour.monetary12m(), clv, pAlive, maxDaysPastDue,
                behaviour.missedPayments12m(), behaviour.chargebacks12m(), behaviour.complaints90d(), fraudFlag,
                creditUtilization, behaviour.lastContactDays(), version, updatedAt, behaviour.summary(), rfm,
                expectedPurchases);
    }

    /** The same customer with RFM scores and lifetime-value model facts. */
    public CustomerFacts withModelFacts(RfmScore newRfm, BigDecimal newClv, BigDecimal newPAlive,
                                        BigDecimal newExpectedPurchases) {
        return new CustomerFacts(customerId, segment, country, joinedOn, consent, recencyDays, frequency12m,
                monetary12m, newClv, newPAlive, maxDaysPastDue, missedPayments12m, chargebacks12m, complaints90d,
                fraudFlag, creditUtilization, lastContactDays, version, updatedAt, fromEvents, newRfm,
                newExpectedPurchases);
    }

    /** A customer known only from events: behaviour, no profile yet. */
    public static CustomerFacts fromEventsOnly(String customerId, EventBehaviour behaviour) {
        return new CustomerFacts(customerId, null, null, null, null, 0, 0, BigDecimal.ZERO, null, null, 0, 0, 0, 0,
                false, null, null, 0L, null, null, null, null).withBehaviour(behaviour);
    }
}
