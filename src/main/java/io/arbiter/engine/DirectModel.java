package io.arbiter.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.api.core.DMNType;
import org.kie.dmn.api.core.ast.DMNNode;
import org.kie.dmn.api.core.ast.DecisionNode;
import org.kie.dmn.api.core.ast.InputDataNode;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;
import org.kie.dmn.core.ast.DecisionNodeImpl;
import org.kie.dmn.core.impl.DMNRuntimeImpl;
import org.kie.dmn.core.util.CoerceUtil;

import io.arbiter.engine.table.CompiledDecisionTable;

/**
 * A DMN model whose every decision is a compiled table over the model's own input data, evaluated on the pipeline's
 * input map without kie-dmn's per-evaluation machinery: no context copy, no result object, no events, each input read
 * once rather than per decision and column. That machinery cost more than the tables themselves. What kie checks is still checked, with
 * kie's own code or its answer worked out once here: a decision's name already given as an input, a required input
 * missing, an input of the wrong type (the input's DMN type), an output outside the decision's type. Whenever one
 * of those checks fails or a table's plan does not decide, {@link #evaluate} answers null and the caller evaluates
 * the model with kie-dmn, which then reports exactly what it always did.
 *
 * <p>Decisions run in kie's order for {@code evaluateAll} (a hash set of the model's decisions), so outputs and the
 * explanation come out as kie's would. The explanation rows are built once per table row here. kie's events are
 * not fired, so the plan evaluates only while {@link EvaluationTrace} is the runtime's one listener: a listener
 * added later (a test's, a tool's) sees every evaluation, from kie.
 */
final class DirectModel {

    /** One decision's outcome: its name, its value and the row that gave it, as the explanation shows it. */
    record Decided(String decision, Object value, Explanation.TableMatch match) {
    }

    private final Set<DMNRuntimeEventListener> listeners;
    /** Every input data the decisions require, each read and checked once per evaluation. */
    private final String[] inputs;
    /** The inputs' types when kie checks them; null when it does not. */
    private final DMNType[] inputTypes;
    private final Decision[] decisions;

    private DirectModel(Set<DMNRuntimeEventListener> listeners, String[] inputs, DMNType[] inputTypes,
                        Decision[] decisions) {
        this.listeners = listeners;
        this.inputs = inputs;
        this.inputTypes = inputTypes;
        this.decisions = decisions;
    }

    /** A direct plan of {@code model}, when every decision in it qualifies (see the class comment). */
    static Optional<DirectModel> of(DMNRuntime runtime, DMNModel model, Map<String, List<String>> rowAnnotations) {
        if (!(runtime instanceof DMNRuntimeImpl kie) || !model.getDefinitions().getImport().isEmpty()
                || model.getDecisions().isEmpty()) {
            return Optional.empty();
        }
        boolean typeCheck = kie.performRuntimeTypeCheck(model);
        Map<String, InputDataNode> required = new LinkedHashMap<>();
        // the same set, filled in the same order, that DMNRuntimeImpl.evaluateAll iterates
        Set<DecisionNode> kieOrder = model.getDecisions().stream()
                .filter(d -> d.getModelNamespace().equals(model.getNamespace())).collect(Collectors.toSet());
        List<Decision> decisions = new ArrayList<>();
        for (DecisionNode node : kieOrder) {
            Optional<Decision> decision = Decision.of(model.getName(), (DecisionNodeImpl) node, required, rowAnnotations);
            if (decision.isEmpty()) {
                return Optional.empty();
            }
            decisions.add(decision.get());
        }
        // interned: a caller's map keyed by literals (CustomerSets) then matches by identity, without String.equals
        String[] inputs = required.keySet().stream().map(String::intern).toArray(String[]::new);
        DMNType[] inputTypes = typeCheck ? required.values().stream().map(InputDataNode::getType).toArray(DMNType[]::new)
                : null;
        // kie's own set of listeners, live: the one the events would go to
        return Optional.of(new DirectModel(runtime.getListeners(), inputs, inputTypes,
                decisions.toArray(Decision[]::new)));
    }

    /**
     * Every decision of the model on these inputs, or null when kie-dmn must evaluate the model. The budget is
     * checked before each decision, as {@link BudgetCheckpoints} does inside kie.
     */
    List<Decided> evaluate(Map<String, Object> given) {
        if (listeners.size() != 1 || !listeners.contains(EvaluationTrace.LISTENER)) {
            return null;
        }
        for (Decision decision : decisions) {
            if (given.containsKey(decision.name())) {
                return null; // kie takes the given value as the decision's and evaluates nothing
            }
        }
        Object[] values = new Object[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Object value = given.get(inputs[i]);
            if (value == null && !given.containsKey(inputs[i])) {
                return null; // kie: a required dependency not found
            }
            if (inputTypes != null && !assignable(inputTypes[i], value)) {
                return null; // kie: a dependency value not allowed by its declared type
            }
            values[i] = value;
        }
        List<Decided> decided = new ArrayList<>(decisions.length);
        for (Decision decision : decisions) {
            EvaluationBudget.checkpoint();
            Decided one = decision.evaluate(values);
            if (one == null) {
                return null;
            }
            decided.add(one);
        }
        return decided;
    }

    /**
     * One decision: its table, the model's inputs its columns read (by index), and per row the value kie would
     * store (coerced to the decision's type), whether that value passes kie's type check, and the row's explanation.
     */
    private record Decision(String name, CompiledDecisionTable table, int[] columns, Object[] values,
                            boolean[] valueAllowed, Explanation.TableMatch[] matches) {

        /** The decision's plan, adding the input data it requires to {@code required}. */
        static Optional<Decision> of(String modelName, DecisionNodeImpl node, Map<String, InputDataNode> required,
                                     Map<String, List<String>> rowAnnotations) {
            if (!(node.getEvaluator() instanceof BudgetCheckpoints.Checkpoint checkpoint)
                    || !(checkpoint.evaluator() instanceof CompiledDecisionTable table)
                    || node.getDecision().getVariable() == null
                    || !node.getName().equals(node.getDecision().getVariable().getName())) {
                return Optional.empty();
            }
            List<String> own = new ArrayList<>();
            for (DMNNode dependency : node.getDependencies().values()) {
                if (!(dependency instanceof InputDataNode input)
                        || !input.getModelNamespace().equals(node.getModelNamespace())) {
                    return Optional.empty();
                }
                required.putIfAbsent(input.getName(), input);
                own.add(input.getName());
            }
            List<String> names = List.copyOf(required.keySet());
            int[] columns = new int[table.inputNames().size()];
            for (int column = 0; column < columns.length; column++) {
                // a column naming anything but a required input (an earlier decision's result, say) is read from
                // kie's context, which this plan does not keep
                if (!own.contains(table.inputNames().get(column))) {
                    return Optional.empty();
                }
                columns[column] = names.indexOf(table.inputNames().get(column));
            }
            DMNType resultType = node.getResultType();
            Object[] values = new Object[table.rows()];
            boolean[] valueAllowed = new boolean[table.rows()];
            Explanation.TableMatch[] matches = new Explanation.TableMatch[table.rows()];
            for (int row = 0; row < table.rows(); row++) {
                values[row] = CoerceUtil.coerceValue(resultType, table.output(row));
                valueAllowed[row] = assignable(resultType, values[row]);
                String rowId = table.ruleId(row);
                matches[row] = new Explanation.TableMatch(modelName, node.getName(), List.of(rowId),
                        rowAnnotations.getOrDefault(rowId, List.of()));
            }
            return Optional.of(new Decision(node.getName(), table, columns, values, valueAllowed, matches));
        }

        Decided evaluate(Object[] inputValues) {
            Object[] columnValues = new Object[columns.length];
            for (int column = 0; column < columns.length; column++) {
                columnValues[column] = inputValues[columns[column]];
            }
            int row = table.select(columnValues);
            if (row == CompiledDecisionTable.UNDECIDED || !valueAllowed[row]) {
                return null;
            }
            return new Decided(name, values[row], matches[row]);
        }
    }

    /** kie's type check; one that throws is kie's to report (as an error checking allowed values). */
    private static boolean assignable(DMNType type, Object value) {
        try {
            return type.isAssignableValue(value);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
