package io.arbiter.engine;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why a decision came out as it did: for each decision table evaluated, the rows that produced its result and
 * their annotations; the names of the rules that fired, in firing order; and, when the customer objects to automated
 * decisions, why a person must review it and what was withheld.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Explanation(List<TableMatch> decisions, List<String> rulesFired, String humanReview) {

    public Explanation(List<TableMatch> decisions, List<String> rulesFired) {
        this(decisions, rulesFired, null);
    }

    /** The rows of one decision table that produced the decision's result. */
    public record TableMatch(String model, String decision, List<String> matchedRules, List<String> annotations) {
    }
}
