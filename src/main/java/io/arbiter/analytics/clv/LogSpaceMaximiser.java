package io.arbiter.analytics.clv;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Maximises a log-likelihood over strictly positive parameters by optimising their logarithms, which keeps every
 * trial point valid without constraints. BOBYQA (Commons Math) needs no gradient and converges in a few hundred
 * evaluations on these smooth, low-dimensional likelihoods.
 */
final class LogSpaceMaximiser {

    /** Parameters are searched within e^-20 .. e^20; an optimum on that edge means the data do not pin them down. */
    private static final double LOG_BOUND = 20;
    private static final double EDGE = 1e-3;
    private static final double INITIAL_RADIUS = 1;
    private static final double STOPPING_RADIUS = 1e-10;
    private static final int MAX_EVALUATIONS = 20_000;

    private LogSpaceMaximiser() {
    }

    /**
     * @param model         the model's name, for error messages
     * @param names         the parameters' names, in the order the likelihood takes them
     * @param logLikelihood the log-likelihood of the data at the given (positive) parameters
     * @return the maximising parameters
     * @throws ModelFitException when the optimiser does not converge, the optimum lies on the search edge or the
     *                           likelihood there is not finite
     */
    static double[] maximise(String model, String[] names, ToDoubleFunction<double[]> logLikelihood) {
        int n = names.length;
        double[] lower = new double[n];
        double[] upper = new double[n];
        Arrays.fill(lower, -LOG_BOUND);
        Arrays.fill(upper, LOG_BOUND);
        BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * n + 1, INITIAL_RADIUS, STOPPING_RADIUS);
        PointValuePair optimum;
        try {
            optimum = optimizer.optimize(new MaxEval(MAX_EVALUATIONS), GoalType.MAXIMIZE,
                    new ObjectiveFunction(logs -> logLikelihood.applyAsDouble(exp(logs))),
                    new InitialGuess(new double[n]), new SimpleBounds(lower, upper));
        } catch (TooManyEvaluationsException e) {
            throw new ModelFitException(model + " fit did not converge within " + MAX_EVALUATIONS + " evaluations", e);
        }
        double[] logs = optimum.getPoint();
        if (!Double.isFinite(optimum.getValue())) {
            throw new ModelFitException(model + " fit ended at a non-finite log-likelihood");
        }
        for (int i = 0; i < n; i++) {
            if (Math.abs(logs[i]) > LOG_BOUND - EDGE) {
                throw new ModelFitException(model + " fit: parameter " + names[i] + " ran to " + Math.exp(logs[i])
                        + ", the data do not determine it");
            }
        }
        return exp(logs);
    }

    private static double[] exp(double[] logs) {
        double[] values = new double[logs.length];
        for (int i = 0; i < logs.length; i++) {
            values[i] = Math.exp(logs[i]);
        }
        return values;
    }
}
