package io.arbiter.batch;

import org.infinispan.protostream.annotations.Proto;

import io.arbiter.facts.CustomerFacts;
import io.arbiter.history.LatestDecision;

/**
 * Which customers a job decides; every criterion given must hold, an absent one (null) holds for all. The tier and
 * grade criteria test the customer's latest stored decision with the job's set (never decided: no match).
 */
@Proto
public record JobFilter(String segment, String country, String valueTier, String riskGrade, String customerIdPrefix) {

    public static final JobFilter ALL = new JobFilter(null, null, null, null, null);

    public boolean matchesFacts(CustomerFacts facts) {
        return (segment == null || segment.equals(facts.segment().name()))
                && (country == null || country.equals(facts.country()))
                && (customerIdPrefix == null || facts.customerId().startsWith(customerIdPrefix));
    }

    public boolean needsLatestDecision() {
        return valueTier != null || riskGrade != null;
    }

    public boolean matchesLatest(LatestDecision latest) {
        if (!needsLatestDecision()) {
            return true;
        }
        return latest != null
                && (valueTier == null || valueTier.equals(latest.outcome().valueTier()))
                && (riskGrade == null || riskGrade.equals(latest.outcome().riskGrade()));
    }
}
