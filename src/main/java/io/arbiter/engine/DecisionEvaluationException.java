package io.arbiter.engine;

import java.util.List;

/** A decision set that could not produce an outcome for valid input: a defect of the set, not of the caller. */
public class DecisionEvaluationException extends RuntimeException {

    private final List<String> messages;

    public DecisionEvaluationException(String decisionSet, long version, List<String> messages) {
        super("decision set " + decisionSet + " v" + version + " failed: " + messages);
        this.messages = List.copyOf(messages);
    }

    public List<String> messages() {
        return messages;
    }
}
