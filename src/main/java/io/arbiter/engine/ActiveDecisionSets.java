package io.arbiter.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What each decision set evaluates with right now: its active version and any rollout's challenger. Swapping a set
 * replaces one reference, so an evaluation that already took the old snapshot finishes on it and the next one sees the
 * new.
 */
@ApplicationScoped
public class ActiveDecisionSets {

    private final ConcurrentMap<String, LiveSet> active = new ConcurrentHashMap<>();

    /** The set's active version (the champion, while a rollout runs). */
    public Optional<CompiledDecisionSet> get(String name) {
        return live(name).map(LiveSet::champion);
    }

    /** Every set's active version, in no particular order. */
    public List<CompiledDecisionSet> champions() {
        return active.values().stream().map(LiveSet::champion).toList();
    }

    public Optional<LiveSet> live(String name) {
        return Optional.ofNullable(active.get(name));
    }

    /** Every set's live versions, as they are at this moment. */
    public java.util.List<LiveSet> all() {
        return java.util.List.copyOf(active.values());
    }

    public void activate(LiveSet live) {
        active.put(live.champion().name(), live);
    }
}
