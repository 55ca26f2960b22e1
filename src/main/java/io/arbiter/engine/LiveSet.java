package io.arbiter.engine;

import java.util.Optional;

/**
 * What a decision set evaluates with on this node: its active version (the champion) and, while a rollout runs, the
 * challenger. Swapped as one reference, so a request sees one consistent split.
 */
public record LiveSet(CompiledDecisionSet champion, Optional<Challenger> challenger) {

    /** The version that decides a customer, and on which arm ({@code null} arm: no rollout runs). */
    public record Route(CompiledDecisionSet set, Arm arm) {
    }

    public static LiveSet of(CompiledDecisionSet champion) {
        return new LiveSet(champion, Optional.empty());
    }

    public Route route(String customerId) {
        if (challenger.isEmpty()) {
            return new Route(champion, null);
        }
        Challenger c = challenger.get();
        return customerId != null && c.decides(customerId) ? new Route(c.set(), Arm.CHALLENGER)
                : new Route(champion, Arm.CHAMPION);
    }

    /** The challenger a shadow rollout also decides every customer with, off the caller's path. */
    public Optional<Challenger> shadow() {
        return challenger.filter(c -> c.mode() == RolloutMode.SHADOW);
    }
}
