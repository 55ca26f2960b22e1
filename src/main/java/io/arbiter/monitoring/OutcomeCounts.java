package io.arbiter.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.infinispan.protostream.annotations.Proto;

/**
 * Counts of decisions in one scope (an arm of a rollout, a drift window), as one node incarnation counted them or
 * summed over the cluster: decisions and failures, value tiers, risk grades and actions by type, shadow evaluations
 * dropped, and for a shadow rollout the moves from the champion's outcome to the challenger's
 * ({@code "GOLD>SILVER"}) with a few customers per move ({@code moveSamples}: {@code "valueTier:GOLD>SILVER"} to
 * comma-separated ids, which never hold a comma).
 */
@Proto
public record OutcomeCounts(long decisions, long failures, long dropped, Map<String, Long> valueTiers,
                            Map<String, Long> riskGrades, Map<String, Long> actions, Map<String, Long> tierMoves,
                            Map<String, Long> gradeMoves, Map<String, String> moveSamples) {

    static final int SAMPLES = 5;
    public static final OutcomeCounts NONE = new OutcomeCounts(0, 0, 0, Map.of(), Map.of(), Map.of(), Map.of(),
            Map.of(), Map.of());

    OutcomeCounts plus(OutcomeCounts other) {
        Map<String, String> samples = new TreeMap<>(moveSamples);
        other.moveSamples.forEach((move, ids) -> samples.merge(move, ids, (a, b) -> String.join(",",
                java.util.stream.Stream.concat(List.of(a.split(",")).stream(), List.of(b.split(",")).stream())
                        .distinct().limit(SAMPLES).toList())));
        return new OutcomeCounts(decisions + other.decisions, failures + other.failures, dropped + other.dropped,
                sum(valueTiers, other.valueTiers), sum(riskGrades, other.riskGrades), sum(actions, other.actions),
                sum(tierMoves, other.tierMoves), sum(gradeMoves, other.gradeMoves), Map.copyOf(samples));
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new TreeMap<>(a);
        b.forEach((key, n) -> sum.merge(key, n, Long::sum));
        return Map.copyOf(sum);
    }

    /** The customers sampled for a move of one dimension ({@code valueTier} or {@code riskGrade}). */
    List<String> samples(String dimension, String move) {
        String ids = moveSamples.get(dimension + ":" + move);
        return ids == null || ids.isEmpty() ? List.of() : List.of(ids.split(","));
    }

    /** Counts in a stable order, for answers. */
    static Map<String, Long> sorted(Map<String, Long> counts) {
        return new LinkedHashMap<>(new TreeMap<>(counts));
    }
}
