package io.arbiter.monitoring;

import java.time.Instant;

import io.arbiter.engine.Arm;

/** The names of counting scopes: a rollout's arm, a decision set's drift window. */
public final class Scopes {

    private Scopes() {
    }

    /** The decisions of one arm of a rollout; a shadow rollout's challenger counts its shadow decisions. */
    public static String rollout(String rolloutId, Arm arm) {
        return "rollout/" + rolloutId + "/" + arm.label();
    }

    /** A set's decisions in the window starting at {@code windowStart}. */
    public static String drift(String decisionSet, Instant windowStart) {
        return driftPrefix(decisionSet) + windowStart.getEpochSecond();
    }

    static final String DRIFT = "drift/";

    static String driftPrefix(String decisionSet) {
        return DRIFT + decisionSet + "/";
    }

    /** The start of a drift scope's window. */
    static Instant driftWindow(String scope) {
        return Instant.ofEpochSecond(Long.parseLong(scope.substring(scope.lastIndexOf('/') + 1)));
    }
}
