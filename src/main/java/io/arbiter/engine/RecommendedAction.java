package io.arbiter.engine;

import io.arbiter.engine.rules.Action;

/** An action in a decision outcome: what to do, of which kind, where, how urgently (1 = first) and why. */
public record RecommendedAction(String code, String type, String channel, int priority, String reason) {

    static RecommendedAction of(Action action) {
        return new RecommendedAction(action.getCode(), action.getType().name(), action.getChannel().name(),
                action.getPriority(), action.getReason());
    }
}
