package io.arbiter.engine.alerts;

import java.util.Objects;

/**
 * An alert raised by an alert rule: rules insert it, and the engine collects every inserted one with the rule that
 * inserted it. A class with getters rather than a record, so that DRL constraints can read it by property name.
 */
public final class Alert {
    private final AlertLevel level;
    private final String code;
    private final String message;

    public Alert(AlertLevel level, String code, String message) {
        this.level = Objects.requireNonNull(level, "level");
        this.code = Objects.requireNonNull(code, "code");
        this.message = Objects.requireNonNull(message, "message");
    }

    public AlertLevel getLevel() { return level; }
    public String getCode() { return code; }
    public String getMessage() { return message; }

    @Override
    public String toString() {
        return code + "(" + level + ")";
    }
}
