package io.arbiter.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.repository.SetPointer;
import io.arbiter.store.PrimaryKeys;

/**
 * A decision set's outcome distributions over time windows (a day by default) and the population stability index of
 * the latest window against a baseline: the window an analyst pinned, or else the window in which the active version
 * became active (the first window with decisions after it, when that one has none). Windows are counted
 * cluster-wide by {@link OutcomeTallies} as decisions are made.
 */
@ApplicationScoped
@io.quarkus.runtime.Startup
public class DecisionDrift {

    /** One window's decisions. */
    public record Window(Instant start, Instant end, long decisions, Map<String, Long> valueTiers,
                         Map<String, Long> riskGrades) {
    }

    public record Baseline(Instant start, boolean pinned) {
    }

    /**
     * The windows oldest first; {@code window} their length in ISO-8601 ({@code PT24H}); {@code psi} null until a
     * window after the baseline has decisions.
     */
    public record Drift(String decisionSet, Long activeVersion, String window, Baseline baseline,
                        List<Window> windows, RolloutComparison.Stability psi, List<DriftAlert> alerts) {
    }

    private final OutcomeTallies tallies;
    private final Cache<String, DriftAlert> alerts;
    private final Duration window;

    DecisionDrift(OutcomeTallies tallies, MonitoringCaches caches, ArbiterConfig config) {
        this.tallies = tallies;
        this.alerts = caches.alerts();
        this.window = config.drift().window();
        // scopes name a window by its start in whole seconds
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.toMillis() % 1000 != 0) {
            throw new IllegalStateException("arbiter.drift.window " + window + " must be whole seconds, at least 1s");
        }
    }

    /** The start of the window {@code at} falls in: windows start at multiples of the length from the epoch. */
    public Instant windowStart(Instant at) {
        long length = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli(), length) * length);
    }

    /** The set's drift over its last {@code count} windows with decisions (and the baseline's, if older). */
    public Drift of(SetPointer pointer, int count) {
        String set = pointer.decisionSet();
        List<Window> all = new ArrayList<>();
        String prefix = Scopes.driftPrefix(set);
        tallies.byScope(prefix).forEach((scope, counts) -> {
            Instant start = Scopes.driftWindow(scope);
            all.add(new Window(start, start.plus(window), counts.decisions(), OutcomeCounts.sorted(counts.valueTiers()),
                    OutcomeCounts.sorted(counts.riskGrades())));
        });
        all.sort(Comparator.comparing(Window::start));
        Baseline baseline = baseline(pointer, all);
        Window base = baseline == null ? null
                : all.stream().filter(w -> w.start().equals(baseline.start())).findFirst().orElse(null);
        Window latest = all.isEmpty() ? null : all.get(all.size() - 1);
        RolloutComparison.Stability psi = base == null || latest == base ? null
                : new RolloutComparison.Stability(Psi.between(base.valueTiers(), latest.valueTiers()),
                Psi.between(base.riskGrades(), latest.riskGrades()));
        List<Window> shown = new ArrayList<>(all.subList(Math.max(0, all.size() - count), all.size()));
        if (base != null && !shown.contains(base)) {
            shown.add(0, base);
        }
        return new Drift(set, pointer.activeVersion() == 0 ? null : pointer.activeVersion(), window.toString(), baseline,
                List.copyOf(shown), psi, alerts(set));
    }

    /** Removes the alerts of windows that start before {@code cutoff}, of those this node is the primary owner of. */
    public long pruneAlerts(Instant cutoff) {
        long pruned = 0;
        for (String key : PrimaryKeys.of(alerts)) {
            DriftAlert alert = alerts.get(key);
            if (alert != null && alert.window().isBefore(cutoff) && alerts.remove(key, alert)) {
                pruned++;
            }
        }
        return pruned;
    }

    /** Records an alert unless one was recorded for its set, window and outcome; true when this call recorded it. */
    boolean raise(DriftAlert alert) {
        return alerts.putIfAbsent(alert.key(), alert) == null;
    }

    List<DriftAlert> alerts(String set) {
        return alerts.values().stream().filter(a -> a.decisionSet().equals(set))
                .sorted(Comparator.comparing(DriftAlert::raisedAt)).toList();
    }

    private Baseline baseline(SetPointer pointer, List<Window> windows) {
        if (pointer.driftBaseline() != null) {
            return new Baseline(windowStart(pointer.driftBaseline()), true);
        }
        Instant from = pointer.activatedAt() == null ? Instant.EPOCH : windowStart(pointer.activatedAt());
        return windows.stream().map(Window::start).filter(start -> !start.isBefore(from)).findFirst()
                .map(start -> new Baseline(start, false)).orElse(null);
    }
}
