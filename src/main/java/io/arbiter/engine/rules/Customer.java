package io.arbiter.engine.rules;

import java.math.BigDecimal;
import java.time.LocalDate;

import io.arbiter.facts.CustomerFacts;

/**
 * The customer as the rules see it: the stored facts plus {@code tenureMonths} derived at the evaluation date.
 * Getters (not record accessors) so that DRL constraints can name properties.
 */
public final class Customer {
    private final CustomerFacts facts;
    private final int tenureMonths;

    public Customer(CustomerFacts facts, int tenureMonths) {
        this.facts = facts;
        this.tenureMonths = tenureMonths;
    }

    public String getCustomerId() { return facts.customerId(); }
    public String getSegment() { return facts.segment().name(); }
    public String getCountry() { return facts.country(); }
    public LocalDate getJoinedOn() { return facts.joinedOn(); }
    public int getTenureMonths() { return tenureMonths; }
    public boolean isMarketingConsent() { return facts.consent().marketing(); }
    public boolean isProfilingConsent() { return facts.consent().profiling(); }
    public int getRecencyDays() { return facts.recencyDays(); }
    public int getFrequency12m() { return facts.frequency12m(); }
    public BigDecimal getMonetary12m() { return facts.monetary12m(); }
    public BigDecimal getClv() { return facts.clv(); }
    public BigDecimal getPAlive() { return facts.pAlive(); }
    public int getMaxDaysPastDue() { return facts.maxDaysPastDue(); }
    public int getMissedPayments12m() { return facts.missedPayments12m(); }
    public int getChargebacks12m() { return facts.chargebacks12m(); }
    public int getComplaints90d() { return facts.complaints90d(); }
    public boolean isFraudFlag() { return facts.fraudFlag(); }
    public BigDecimal getCreditUtilization() { return facts.creditUtilization(); }
    public Integer getLastContactDays() { return facts.lastContactDays(); }
    public BigDecimal getExpectedPurchases() { return facts.expectedPurchases(); }
    public String getRfmSegment() { return facts.rfm() == null ? null : facts.rfm().segment(); }
}
