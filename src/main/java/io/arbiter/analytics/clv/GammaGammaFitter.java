package io.arbiter.analytics.clv;

import java.util.List;
import java.util.TreeMap;

/**
 * Fits Gamma-Gamma by maximum likelihood on the customers with at least one repeat transaction. A mean repeat value
 * of 0 has no density under the model (its support is m > 0, and ln 0 is undefined), so customers whose repeat
 * transactions were all free are left out and counted; the model still predicts a value for them.
 */
public final class GammaGammaFitter {

    private static final String[] PARAMETERS = {"p", "q", "gamma"};

    private GammaGammaFitter() {
    }

    /**
     * @throws IllegalArgumentException when no customer has a repeat transaction with a positive mean value;
     *                                  {@link ModelFitException} when the fit fails
     */
    public static GammaGammaFit fit(List<PurchaseHistorySummary> customers) {
        List<PurchaseHistorySummary> informative = customers.stream().filter(GammaGammaFitter::informative).toList();
        int zeroValue = (int) customers.stream()
                .filter(c -> c.frequency() > 0 && c.meanRepeatValue() == 0)
                .count();
        if (informative.isEmpty()) {
            throw new IllegalArgumentException("Gamma-Gamma needs customers with a repeat transaction of positive "
                    + "value; none among " + customers.size());
        }
        RepeatCustomers repeatCustomers = RepeatCustomers.of(informative);
        double[] best = LogSpaceMaximiser.maximise("Gamma-Gamma", PARAMETERS,
                v -> repeatCustomers.logLikelihood(new GammaGammaParameters(v[0], v[1], v[2])));
        GammaGammaParameters parameters = new GammaGammaParameters(best[0], best[1], best[2]);
        return new GammaGammaFit(parameters, repeatCustomers.logLikelihood(parameters), informative.size(), zeroValue);
    }

    static boolean informative(PurchaseHistorySummary customer) {
        return customer.frequency() > 0 && customer.meanRepeatValue() > 0;
    }

    /** The fitted customers' x (as an index into the distinct values) and mean values with their logarithms. */
    private record RepeatCustomers(int[] frequencies, int[] frequencyIndex, double[] meanValues,
                                   double[] logMeanValues) {

        static RepeatCustomers of(List<PurchaseHistorySummary> customers) {
            TreeMap<Integer, Integer> slots = new TreeMap<>();
            customers.forEach(c -> slots.putIfAbsent(c.frequency(), 0));
            int[] frequencies = slots.keySet().stream().mapToInt(Integer::intValue).toArray();
            for (int k = 0; k < frequencies.length; k++) {
                slots.put(frequencies[k], k);
            }
            int n = customers.size();
            int[] frequencyIndex = new int[n];
            double[] meanValues = new double[n];
            double[] logMeanValues = new double[n];
            for (int i = 0; i < n; i++) {
                PurchaseHistorySummary customer = customers.get(i);
                frequencyIndex[i] = slots.get(customer.frequency());
                meanValues[i] = customer.meanRepeatValue();
                logMeanValues[i] = Math.log(meanValues[i]);
            }
            return new RepeatCustomers(frequencies, frequencyIndex, meanValues, logMeanValues);
        }

        double logLikelihood(GammaGammaParameters parameters) {
            double[] frequencyTerms = new double[frequencies.length];
            for (int k = 0; k < frequencies.length; k++) {
                frequencyTerms[k] = parameters.frequencyTerm(frequencies[k]);
            }
            double sum = 0;
            for (int i = 0; i < meanValues.length; i++) {
                int k = frequencyIndex[i];
                sum += frequencyTerms[k] + parameters.valueTerm(frequencies[k], logMeanValues[i], meanValues[i]);
            }
            return sum;
        }
    }
}
