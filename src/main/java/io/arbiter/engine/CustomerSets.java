package io.arbiter.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.arbiter.engine.rules.Assessment;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.RfmScore;

/**
 * What makes a decision set one that decides customers: its manifest maps a value tier and a risk grade to DMN
 * decisions, its models read a customer's facts as DMN input data, and those two outputs become the rules'
 * {@link Assessment}. The generic pipeline knows none of this; a set that maps no outputs is evaluated on DMN input
 * data only.
 */
public final class CustomerSets {

    /** Output names that a customer decision set maps to DMN decisions in its manifest. */
    public static final String VALUE_TIER = "valueTier";
    public static final String RISK_GRADE = "riskGrade";

    private CustomerSets() {
    }

    /** Whether the set decides customers: it maps both outputs. */
    public static boolean decidesCustomers(CompiledDecisionSet set) {
        return set.manifest().decisionFor(VALUE_TIER) != null && set.manifest().decisionFor(RISK_GRADE) != null;
    }

    /**
     * Whole months from joining to the evaluation date. Inputs keep dates within {@code input.PlausibleDates}; a
     * value stored before that bound is clamped rather than wrapped around.
     */
    static int tenureMonths(CustomerFacts facts, LocalDate asOf) {
        long months = Period.between(facts.joinedOn(), asOf).toTotalMonths();
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, months));
    }

    /** The DMN input data of a customer: every fact by its JSON name, numbers as FEEL numbers, plus tenure. */
    static Map<String, Object> inputs(CustomerFacts facts, int tenureMonths) {
        // 25 entries: sized so that the map is never resized while it is filled
        Map<String, Object> inputs = new HashMap<>(48);
        inputs.put("customerId", facts.customerId());
        inputs.put("segment", facts.segment().name());
        inputs.put("country", facts.country());
        inputs.put("joinedOn", facts.joinedOn());
        inputs.put("tenureMonths", BigDecimal.valueOf(tenureMonths));
        Map<String, Object> consent = new HashMap<>(4);
        consent.put("marketing", facts.consent().marketing());
        consent.put("profiling", facts.consent().profiling());
        inputs.put("consent", consent);
        inputs.put("recencyDays", BigDecimal.valueOf(facts.recencyDays()));
        inputs.put("frequency12m", BigDecimal.valueOf(facts.frequency12m()));
        inputs.put("monetary12m", facts.monetary12m());
        inputs.put("clv", facts.clv());
        inputs.put("pAlive", facts.pAlive());
        inputs.put("maxDaysPastDue", BigDecimal.valueOf(facts.maxDaysPastDue()));
        inputs.put("missedPayments12m", BigDecimal.valueOf(facts.missedPayments12m()));
        inputs.put("chargebacks12m", BigDecimal.valueOf(facts.chargebacks12m()));
        inputs.put("complaints90d", BigDecimal.valueOf(facts.complaints90d()));
        inputs.put("fraudFlag", facts.fraudFlag());
        inputs.put("creditUtilization", facts.creditUtilization());
        inputs.put("lastContactDays", facts.lastContactDays() == null ? null : BigDecimal.valueOf(facts.lastContactDays()));
        inputs.put("expectedPurchases", facts.expectedPurchases());
        RfmScore rfm = facts.rfm();
        inputs.put("rfmSegment", rfm == null ? null : rfm.segment());
        inputs.put("rScore", rfm == null ? null : BigDecimal.valueOf(rfm.r()));
        inputs.put("fScore", rfm == null ? null : BigDecimal.valueOf(rfm.f()));
        inputs.put("mScore", rfm == null ? null : BigDecimal.valueOf(rfm.m()));
        return inputs;
    }

    /** The rules' assessment: the decisions the manifest maps to the value tier and the risk grade. */
    static Assessment assessment(CompiledDecisionSet set, Map<String, Object> outputs) {
        return new Assessment(stringOutput(set, outputs, VALUE_TIER), stringOutput(set, outputs, RISK_GRADE));
    }

    private static String stringOutput(CompiledDecisionSet set, Map<String, Object> outputs, String output) {
        String decision = set.manifest().decisionFor(output);
        Object value = decision == null ? null : outputs.get(decision);
        if (!(value instanceof String text)) {
            throw new DecisionEvaluationException(set.name(), set.version(), List.of("output " + output
                    + (decision == null ? " is not mapped in the manifest" : " (decision " + decision + ") is " + value
                    + ", not a string")));
        }
        return text;
    }
}
