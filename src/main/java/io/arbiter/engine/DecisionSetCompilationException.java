package io.arbiter.engine;

import java.util.List;

import io.arbiter.bundle.CompilationMessage;

/** A decision set's source that could not be compiled, with every error found. */
public class DecisionSetCompilationException extends Exception {

    private final List<CompilationMessage> messages;

    public DecisionSetCompilationException(String decisionSet, List<CompilationMessage> messages) {
        super("decision set " + decisionSet + " does not compile: " + messages);
        this.messages = List.copyOf(messages);
    }

    public List<CompilationMessage> messages() {
        return messages;
    }
}
