package io.arbiter.engine.rules;

import java.util.Objects;

/**
 * An action recommended by the rules. Rules insert it; the pipeline collects every inserted one.
 * A class with getters rather than a record so that DRL constraints can read it by property name.
 */
public final class Action {
    private final String code;
    private final ActionType type;
    private final ActionChannel channel;
    private final int priority;
    private final String reason;

    public Action(String code, ActionType type, ActionChannel channel, int priority, String reason) {
        this.code = Objects.requireNonNull(code, "code");
        this.type = Objects.requireNonNull(type, "type");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.priority = priority;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public String getCode() { return code; }
    public ActionType getType() { return type; }
    public ActionChannel getChannel() { return channel; }
    public int getPriority() { return priority; }
    public String getReason() { return reason; }

    @Override
    public String toString() {
        return code + "(" + type + ")";
    }
}
