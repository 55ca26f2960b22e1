package io.arbiter.analytics.clv;

/**
 * The Gaussian hypergeometric function 2F1(a, b; c; z) for real arguments and |z| < 1, by its power series.
 * Neither Commons Math, Hipparchus nor Commons Numbers provides it; the BG/NBD expectations need it with z in [0, 1).
 */
public final class Hypergeometric2F1 {

    /** Relative size of the bound on the omitted tail at which the sum is accepted. */
    static final double TOLERANCE = 1e-14;
    /** Enough for z up to about 1 - 3e-5; beyond that the series is too slow to be the right method. */
    static final int MAX_TERMS = 1_000_000;

    private Hypergeometric2F1() {
    }

    public static double value(double a, double b, double c, double z) {
        return value(a, b, c, z, MAX_TERMS);
    }

    /**
     * Sums terms t_n = (a)_n (b)_n / ((c)_n n!) z^n. Once n is past the parameters, the term ratio t_(n+1)/t_n has
     * settled and approaches z from one side, so max(ratio, |z|) bounds the ratios to come and the tail after term
     * t_n is at most |t_n| / (1 - max(ratio, |z|)); the sum stops when that bound is below {@link #TOLERANCE} of the
     * sum.
     *
     * @throws IllegalArgumentException when |z| >= 1 or c is zero or a negative integer
     * @throws ArithmeticException      when the series has not converged within {@code maxTerms} terms
     */
    static double value(double a, double b, double c, double z, int maxTerms) {
        if (!(Math.abs(z) < 1)) {
            throw new IllegalArgumentException("2F1 series needs |z| < 1, got z = " + z);
        }
        if (c <= 0 && c == Math.rint(c)) {
            throw new IllegalArgumentException("2F1 is undefined for c = " + c);
        }
        double settledAfter = Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(c))) + 1;
        double sum = 1;
        double term = 1;
        for (int n = 0; n < maxTerms; n++) {
            double ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            sum += term;
            if (term == 0) {
                return sum; // a or b is a non-positive integer: the series is a polynomial
            }
            if (n >= settledAfter) {
                double contraction = Math.max(Math.abs(ratio), Math.abs(z));
                if (contraction < 1 && Math.abs(term) / (1 - contraction) <= TOLERANCE * Math.abs(sum)) {
                    return sum;
                }
            }
        }
        throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") series did not converge within "
                + maxTerms + " terms");
    }
}
