package io.arbiter.analytics.rfm;

import java.util.Arrays;

/**
 * Scores a value 1-5 by the quintile of the population it falls in, higher values scoring higher. The cut points are
 * the values at the 20th, 40th, 60th and 80th percentiles; equal values always share a score, so a population where
 * most values are equal (say, no purchase in 12 months) gives them all the same low score rather than splitting
 * them arbitrarily.
 */
public final class QuintileScale {

    private final double[] cuts;

    private QuintileScale(double[] cuts) {
        this.cuts = cuts;
    }

    /** The scale of a population; {@code values} is sorted in place. */
    public static QuintileScale of(double[] values, int count) {
        if (count == 0) {
            throw new IllegalArgumentException("no population to score against");
        }
        Arrays.sort(values, 0, count);
        double[] cuts = new double[4];
        for (int k = 1; k <= 4; k++) {
            cuts[k - 1] = values[(int) Math.ceil(count * k / 5.0) - 1];
        }
        return new QuintileScale(cuts);
    }

    public int score(double value) {
        int score = 1;
        for (double cut : cuts) {
            if (value > cut) {
                score++;
            }
        }
        return score;
    }
}
