package io.arbiter.engine;

import java.util.List;

/**
 * Why a decision came out as it did: for each decision table evaluated, the rows that produced its result and
 * their annotations; and the names of the rules that fired, in firing order.
 */
public record Explanation(List<TableMatch> decisions, List<String> rulesFired) {

    /** The rows of one decision table that produced the decision's result. */
    public record TableMatch(String model, String decision, List<String> matchedRules, List<String> annotations) {
    }
}
