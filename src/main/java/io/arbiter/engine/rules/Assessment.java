package io.arbiter.engine.rules;

/** The DMN outcome the rules reason over: the customer's value tier and risk grade. */
public final class Assessment {
    private final String valueTier;
    private final String riskGrade;

    public Assessment(String valueTier, String riskGrade) {
        this.valueTier = valueTier;
        this.riskGrade = riskGrade;
    }

    public String getValueTier() { return valueTier; }
    public String getRiskGrade() { return riskGrade; }
}
