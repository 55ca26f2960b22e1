package io.arbiter.analytics.rfm;

import java.util.Arrays;

import io.arbiter.facts.CustomerFacts;

/**
 * Gathers the recency, frequency and monetary values of a population in primitive arrays (a million customers take
 * 24 MB), then gives the three quintile scales. Recency is scored negated: fewer days since the last purchase is better.
 */
public final class RfmPopulation {

    private double[] recency = new double[1024];
    private double[] frequency = new double[1024];
    private double[] monetary = new double[1024];
    private int count;

    public synchronized void add(CustomerFacts facts) {
        if (count == recency.length) {
            recency = Arrays.copyOf(recency, count * 2);
            frequency = Arrays.copyOf(frequency, count * 2);
            monetary = Arrays.copyOf(monetary, count * 2);
        }
        recency[count] = -facts.recencyDays();
        frequency[count] = facts.frequency12m();
        monetary[count] = facts.monetary12m().doubleValue();
        count++;
    }

    public int count() {
        return count;
    }

    public RfmScales scales() {
        return new RfmScales(QuintileScale.of(recency, count), QuintileScale.of(frequency, count),
                QuintileScale.of(monetary, count));
    }

    /** The three scales of one population. */
    public record RfmScales(QuintileScale recency, QuintileScale frequency, QuintileScale monetary) {

        public int r(CustomerFacts facts) {
            return recency.score(-facts.recencyDays());
        }

        public int f(CustomerFacts facts) {
            return frequency.score(facts.frequency12m());
        }

        public int m(CustomerFacts facts) {
            return monetary.score(facts.monetary12m().doubleValue());
        }
    }
}
