package io.arbiter.engine.alerts;

import java.util.List;

/**
 * What alert rules reason over: one customer's outcome with a decision set changed from the previous one (none on
 * a first decision) to a new one, decided by {@code version} (on a rollout's {@code arm}, or null without one). It
 * holds the outcome only (tiers, grades, action codes), no facts about the customer. Read-only, with getters so
 * that DRL constraints read it by property name ({@code previousGrade}, {@code gradeWorsening}).
 */
public final class OutcomeChange {

    /** Risk grades from the best to the worst, as the shipped risk-grade model gives them. */
    private static final String GRADES = "ABCDE";

    private final String decisionSet;
    private final long version;
    private final String previousTier;
    private final String previousGrade;
    private final List<String> previousActions;
    private final String tier;
    private final String grade;
    private final List<String> actions;
    private final String arm;

    public OutcomeChange(String decisionSet, long version, String previousTier, String previousGrade,
                         List<String> previousActions, String tier, String grade, List<String> actions, String arm) {
        this.decisionSet = decisionSet;
        this.version = version;
        this.previousTier = previousTier;
        this.previousGrade = previousGrade;
        this.previousActions = previousActions == null ? List.of() : List.copyOf(previousActions);
        this.tier = tier;
        this.grade = grade;
        this.actions = actions == null ? List.of() : List.copyOf(actions);
        this.arm = arm;
    }

    public String getDecisionSet() { return decisionSet; }
    public long getVersion() { return version; }
    /** Null on a first decision. */
    public String getPreviousTier() { return previousTier; }
    /** Null on a first decision. */
    public String getPreviousGrade() { return previousGrade; }
    /** The previous outcome's action codes; empty on a first decision. */
    public List<String> getPreviousActions() { return previousActions; }
    public String getTier() { return tier; }
    public String getGrade() { return grade; }
    public List<String> getActions() { return actions; }
    /** The rollout arm that decided (champion, challenger), or null when no rollout ran. */
    public String getArm() { return arm; }

    /** Whether this is the customer's first decision with the set: there is no previous outcome. */
    public boolean isFirstDecision() {
        return previousTier == null && previousGrade == null;
    }

    /**
     * By how many steps the risk grade got worse (A best .. E worst): B to E is 3. Zero when it stayed or improved,
     * on a first decision, and when either grade is not one of A to E.
     */
    public int getGradeWorsening() {
        int before = rank(previousGrade);
        int after = rank(grade);
        return before < 0 || after < 0 ? 0 : Math.max(0, after - before);
    }

    private static int rank(String grade) {
        return grade == null || grade.length() != 1 ? -1 : GRADES.indexOf(grade.charAt(0));
    }

    @Override
    public String toString() {
        return decisionSet + " v" + version + ": " + previousTier + "/" + previousGrade + " -> " + tier + "/" + grade;
    }
}
