package io.arbiter.engine;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The compiled snapshot each decision set evaluates with right now. Swapping a set replaces one reference, so an
 * evaluation that already took the old snapshot finishes on it and the next one sees the new.
 */
@ApplicationScoped
public class ActiveDecisionSets {

    private final ConcurrentMap<String, CompiledDecisionSet> active = new ConcurrentHashMap<>();

    public Optional<CompiledDecisionSet> get(String name) {
        return Optional.ofNullable(active.get(name));
    }

    public void activate(CompiledDecisionSet compiled) {
        active.put(compiled.name(), compiled);
    }
}
