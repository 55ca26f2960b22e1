package io.arbiter.analytics.clv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fits BG/NBD by maximum likelihood. Customers with the same (x, t_x, T) contribute identical terms, and calendar
 * data give few distinct values of each, so the likelihood is evaluated once per distinct history, with the
 * x-dependent gamma and beta terms once per distinct x and ln(alpha + t) once per distinct duration.
 */
public final class BgNbdFitter {

    private static final String[] PARAMETERS = {"r", "alpha", "a", "b"};

    private BgNbdFitter() {
    }

    /** @throws IllegalArgumentException when there are no customers; {@link ModelFitException} when the fit fails */
    public static BgNbdFit fit(List<PurchaseHistorySummary> customers) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("BG/NBD needs at least one customer to fit");
        }
        DistinctHistories histories = DistinctHistories.of(customers);
        double[] best = LogSpaceMaximiser.maximise("BG/NBD", PARAMETERS,
                p -> histories.logLikelihood(new BgNbdParameters(p[0], p[1], p[2], p[3])));
        BgNbdParameters parameters = new BgNbdParameters(best[0], best[1], best[2], best[3]);
        return new BgNbdFit(parameters, histories.logLikelihood(parameters), customers.size());
    }

    /** The customers as counts of distinct histories, with each history's x and durations as table indexes. */
    private record DistinctHistories(int[] frequencies, double[] durations,
                                     int[] frequencyIndex, int[] recencyIndex, int[] ageIndex, int[] weight) {

        static DistinctHistories of(List<PurchaseHistorySummary> customers) {
            Map<PurchaseHistorySummary, Integer> counts = new HashMap<>();
            for (PurchaseHistorySummary customer : customers) {
                // the spend does not enter BG/NBD, so histories differing only in it are the same here
                counts.merge(new PurchaseHistorySummary(customer.frequency(), customer.recency(), customer.age(), 0),
                        1, Integer::sum);
            }
            Map<Integer, Integer> frequencySlots = new HashMap<>();
            Map<Double, Integer> durationSlots = new HashMap<>();
            int size = counts.size();
            int[] frequencyIndex = new int[size];
            int[] recencyIndex = new int[size];
            int[] ageIndex = new int[size];
            int[] weight = new int[size];
            int i = 0;
            for (Map.Entry<PurchaseHistorySummary, Integer> entry : counts.entrySet()) {
                PurchaseHistorySummary history = entry.getKey();
                frequencyIndex[i] = frequencySlots.computeIfAbsent(history.frequency(), x -> frequencySlots.size());
                recencyIndex[i] = durationSlots.computeIfAbsent(history.recency(), t -> durationSlots.size());
                ageIndex[i] = durationSlots.computeIfAbsent(history.age(), t -> durationSlots.size());
                weight[i] = entry.getValue();
                i++;
            }
            int[] frequencies = new int[frequencySlots.size()];
            frequencySlots.forEach((x, slot) -> frequencies[slot] = x);
            double[] durations = new double[durationSlots.size()];
            durationSlots.forEach((t, slot) -> durations[slot] = t);
            return new DistinctHistories(frequencies, durations, frequencyIndex, recencyIndex, ageIndex, weight);
        }

        double logLikelihood(BgNbdParameters parameters) {
            BgNbdParameters.FrequencyTerms[] terms = new BgNbdParameters.FrequencyTerms[frequencies.length];
            for (int k = 0; k < frequencies.length; k++) {
                terms[k] = parameters.frequencyTerms(frequencies[k]);
            }
            double[] logAlphaPlus = new double[durations.length];
            for (int k = 0; k < durations.length; k++) {
                logAlphaPlus[k] = Math.log(parameters.alpha() + durations[k]);
            }
            double sum = 0;
            for (int i = 0; i < weight.length; i++) {
                sum += weight[i] * terms[frequencyIndex[i]]
                        .logLikelihood(logAlphaPlus[recencyIndex[i]], logAlphaPlus[ageIndex[i]]);
            }
            return sum;
        }
    }
}
