package io.arbiter.engine;

import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.EvaluatorResult;
import org.kie.dmn.api.core.event.DMNRuntimeEventManager;
import org.kie.dmn.core.api.DMNExpressionEvaluator;
import org.kie.dmn.core.ast.EvaluatorResultImpl;
import org.kie.dmn.core.compiler.DMNCompilerConfigurationImpl;
import org.kie.dmn.core.compiler.DMNCompilerImpl;
import org.kie.dmn.core.compiler.DMNDecisionLogicCompiler;
import org.kie.dmn.core.compiler.DMNDecisionLogicCompilerFactory;

/**
 * A checkpoint of the {@link EvaluationBudget} before each decision and business knowledge model inside a DMN
 * model, so a model of many slow decisions stops between two of them rather than after all. kie-dmn asks its
 * decision-logic compiler for exactly those top-level evaluators (their inner expressions are compiled by the
 * delegate itself), so wrapping the delegate's compiler wraps them and nothing else. A decision service has no
 * evaluator of its own here; the decisions it runs are checked.
 *
 * <p>kie-dmn swallows exceptions from runtime listeners and turns an evaluator's exception into a failed decision,
 * so an exhausted budget makes the evaluator answer FAILURE without evaluating; kie then skips what depends on it,
 * and {@link DecisionPipeline}'s checkpoint after {@code evaluateAll} reports the budget rather than the failures.
 */
public final class BudgetCheckpoints implements DMNDecisionLogicCompilerFactory {

    private static final EvaluatorResult STOPPED = new EvaluatorResultImpl(null, EvaluatorResult.ResultType.FAILURE);

    private final DMNDecisionLogicCompilerFactory delegate;

    public BudgetCheckpoints(DMNDecisionLogicCompilerFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public DMNDecisionLogicCompiler newDMNDecisionLogicCompiler(DMNCompilerImpl compiler, DMNCompilerConfigurationImpl config) {
        DMNDecisionLogicCompiler inner = delegate.newDMNDecisionLogicCompiler(compiler, config);
        return (context, model, node, name, expression) -> {
            DMNExpressionEvaluator evaluator = inner.compileExpression(context, model, node, name, expression);
            return evaluator == null ? null : new Checkpoint(evaluator);
        };
    }

    /** A top-level evaluator behind a checkpoint. */
    public record Checkpoint(DMNExpressionEvaluator evaluator) implements DMNExpressionEvaluator {
        @Override
        public EvaluatorResult evaluate(DMNRuntimeEventManager events, DMNResult result) {
            return EvaluationBudget.exhausted() ? STOPPED : evaluator.evaluate(events, result);
        }
    }
}
