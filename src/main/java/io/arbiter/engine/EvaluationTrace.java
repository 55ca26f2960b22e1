package io.arbiter.engine;

import java.util.List;

import org.kie.dmn.api.core.event.AfterEvaluateDecisionTableEvent;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;

/**
 * Collects, for the evaluation running on the current thread, which decision-table rows produced each result.
 * One listener instance is registered per compiled runtime; evaluations are synchronous, so a thread-local
 * collector keeps concurrent evaluations apart without a listener per call.
 */
final class EvaluationTrace implements DMNRuntimeEventListener {

    /** The rows one decision table selected while evaluating {@code decision} in {@code model}. */
    record TableHit(String model, String decision, List<String> selectedRowIds) {
    }

    private static final ThreadLocal<Collector> CURRENT = new ThreadLocal<>();

    static final EvaluationTrace LISTENER = new EvaluationTrace();

    private EvaluationTrace() {
    }

    /** Starts collecting for the model about to be evaluated on this thread. */
    static Collector begin(String model, List<TableHit> into) {
        Collector collector = new Collector(model, into);
        CURRENT.set(collector);
        return collector;
    }

    static void end() {
        CURRENT.remove();
    }

    @Override
    public void afterEvaluateDecisionTable(AfterEvaluateDecisionTableEvent event) {
        Collector collector = CURRENT.get();
        if (collector != null) {
            collector.hits.add(new TableHit(collector.model, event.getNodeName(), List.copyOf(event.getSelectedIds())));
        }
    }

    record Collector(String model, List<TableHit> hits) {
    }
}
