package io.arbiter.facts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.infinispan.protostream.annotations.Proto;

/**
 * What Arbiter knows about one customer: profile, behaviour (recency, frequency, monetary value, lifetime value)
 * and risk signals. Units are in the names. {@code version} and {@code updatedAt} are set by the store.
 * Optional facts ({@code clv}, {@code pAlive}, {@code creditUtilization}, {@code lastContactDays}) are null when unknown.
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
        Instant updatedAt) {

    /** The same facts as stored at {@code newVersion}, written at {@code at}. */
    public CustomerFacts stamped(long newVersion, Instant at) {
        return new CustomerFacts(customerId, segment, country, joinedOn, consent, recencyDays, frequency12m,
                monetary12m, clv, pAlive, maxDaysPastDue, missedPayments12m, chargebacks12m, complaints90d,
                fraudFlag, creditUtilization, lastContactDays, newVersion, at);
    }
}
