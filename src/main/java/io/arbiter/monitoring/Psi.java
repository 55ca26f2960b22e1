package io.arbiter.monitoring;

import java.util.Map;
import java.util.TreeSet;

/**
 * The population stability index between two distributions of one outcome (value tiers, risk grades):
 * {@code sum over categories of (a - e) * ln(a / e)}, where {@code e} and {@code a} are a category's shares in the
 * expected (baseline, champion) and the actual (latest, challenger) counts. A category empty on one side would make
 * the logarithm infinite, so every category of either side gets half a count added on both sides before shares are
 * taken (additive smoothing with 0.5, as for a Jeffreys prior); with thousands of decisions this moves the index by
 * less than its rounding. Bands as the credit-risk convention reads them: under 0.10 stable, 0.10 to 0.25 a moderate
 * shift, over 0.25 a major shift.
 */
public record Psi(double value, Band band) {

    public enum Band { STABLE, MODERATE, MAJOR }

    static final double SMOOTHING = 0.5;

    /** The index of {@code actual} against {@code expected}; null when either side has no decision. */
    public static Psi between(Map<String, Long> expected, Map<String, Long> actual) {
        long expectedTotal = expected.values().stream().mapToLong(Long::longValue).sum();
        long actualTotal = actual.values().stream().mapToLong(Long::longValue).sum();
        if (expectedTotal == 0 || actualTotal == 0) {
            return null;
        }
        TreeSet<String> categories = new TreeSet<>(expected.keySet());
        categories.addAll(actual.keySet());
        double smoothing = SMOOTHING * categories.size();
        double index = 0;
        for (String category : categories) {
            double e = (expected.getOrDefault(category, 0L) + SMOOTHING) / (expectedTotal + smoothing);
            double a = (actual.getOrDefault(category, 0L) + SMOOTHING) / (actualTotal + smoothing);
            index += (a - e) * Math.log(a / e);
        }
        return new Psi(index, band(index));
    }

    static Band band(double index) {
        if (index < 0.10) {
            return Band.STABLE;
        }
        return index <= 0.25 ? Band.MODERATE : Band.MAJOR;
    }
}
