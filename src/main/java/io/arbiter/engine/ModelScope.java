package io.arbiter.engine;

/**
 * What part of one DMN model an evaluation runs: every decision, one decision (kie evaluates what it requires), or
 * one decision service. {@code name} is null for {@link Kind#ALL}.
 */
public record ModelScope(Kind kind, String name) {

    public enum Kind { ALL, DECISION, SERVICE }

    public static final ModelScope ALL = new ModelScope(Kind.ALL, null);

    public static ModelScope service(String name) {
        return new ModelScope(Kind.SERVICE, name);
    }

    public static ModelScope decision(String name) {
        return new ModelScope(Kind.DECISION, name);
    }
}
