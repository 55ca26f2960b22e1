package io.arbiter.engine.table;

import java.util.ArrayList;
import java.util.List;

import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.EvaluatorResult;
import org.kie.dmn.api.core.event.DMNRuntimeEventManager;
import org.kie.dmn.core.api.DMNExpressionEvaluator;
import org.kie.dmn.core.ast.EvaluatorResultImpl;
import org.kie.dmn.core.impl.DMNRuntimeEventManagerUtils;

/**
 * A decision table whose input entries are compiled to predicates over a column-major plan, evaluated inside
 * kie-dmn in place of its interpreter and firing the same decision-table events (matched and selected rows).
 * Every case it was not built for (no row matches, a UNIQUE table with several matches, an input value of an
 * unexpected kind) is handed to kie-dmn's own evaluator for the same table, so results and messages stay kie's.
 */
public final class CompiledDecisionTable implements DMNExpressionEvaluator {

    enum Policy { FIRST, UNIQUE }

    /** {@link #select}: the plan does not decide these values; kie's evaluator must. */
    public static final int UNDECIDED = -1;

    private final String nodeName;
    private final String tableName;
    private final String tableId;
    private final String[] inputNames;
    /** tests[row][column] */
    private final CellTest[][] tests;
    private final Object[] outputs;
    private final String[] ruleIds;
    private final Policy policy;
    private final DMNExpressionEvaluator interpreter;

    CompiledDecisionTable(String nodeName, String tableName, String tableId, String[] inputNames, CellTest[][] tests,
                          Object[] outputs, String[] ruleIds, Policy policy, DMNExpressionEvaluator interpreter) {
        this.nodeName = nodeName;
        this.tableName = tableName;
        this.tableId = tableId;
        this.inputNames = inputNames;
        this.tests = tests;
        this.outputs = outputs;
        this.ruleIds = ruleIds;
        this.policy = policy;
        this.interpreter = interpreter;
    }

    @Override
    public EvaluatorResult evaluate(DMNRuntimeEventManager events, DMNResult result) {
        DMNContext context = result.getContext();
        Object[] values = new Object[inputNames.length];
        for (int column = 0; column < values.length; column++) {
            values[column] = context.get(inputNames[column]);
        }
        List<Integer> matches = new ArrayList<>(2);
        int selected = scan(values, matches);
        if (selected == UNDECIDED) {
            return interpreter.evaluate(events, result);
        }
        DMNRuntimeEventManagerUtils.fireBeforeEvaluateDecisionTable(events, nodeName, tableName, tableId, result);
        List<Integer> matchedNumbers = new ArrayList<>(matches.size());
        List<String> matchedIds = new ArrayList<>(matches.size());
        for (int row : matches) {
            matchedNumbers.add(row + 1);
            matchedIds.add(ruleIds[row]);
        }
        DMNRuntimeEventManagerUtils.fireAfterEvaluateDecisionTable(events, nodeName, tableName, tableId, result,
                matchedNumbers, List.of(selected + 1), matchedIds, java.util.Collections.singletonList(ruleIds[selected]),
                events.getCurrentEvaluatingDecisionName());
        return new EvaluatorResultImpl(outputs[selected], EvaluatorResult.ResultType.SUCCESS);
    }

    /** The input names the plan reads, in column order: what {@link #select} takes values for. */
    public List<String> inputNames() {
        return List.of(inputNames);
    }

    public int rows() {
        return tests.length;
    }

    /** The output of a row (0-based), as the evaluator answers it. */
    public Object output(int row) {
        return outputs[row];
    }

    public String ruleId(int row) {
        return ruleIds[row];
    }

    /**
     * The row (0-based) the plan selects for these values of {@link #inputNames()}, or {@link #UNDECIDED} for every
     * case where {@link #evaluate} hands the table to kie's evaluator.
     */
    public int select(Object[] values) {
        return scan(values, null);
    }

    /**
     * Every row is tested, also under FIRST, so that a value of an unexpected kind in any row sends the table to kie
     * whichever way it is evaluated; the matching rows are added to {@code matches} when it is given.
     */
    private int scan(Object[] values, List<Integer> matches) {
        int selected = UNDECIDED;
        int matched = 0;
        for (int row = 0; row < tests.length; row++) {
            int outcome = matches(tests[row], values);
            if (outcome == CellTest.UNDECIDED) {
                return UNDECIDED;
            }
            if (outcome == CellTest.YES) {
                if (matched++ == 0) {
                    selected = row;
                }
                if (matches != null) {
                    matches.add(row);
                }
            }
        }
        return matched == 0 || (policy == Policy.UNIQUE && matched > 1) ? UNDECIDED : selected;
    }

    private static int matches(CellTest[] row, Object[] values) {
        for (int column = 0; column < row.length; column++) {
            int outcome = row[column].test(values[column]);
            if (outcome != CellTest.YES) {
                return outcome;
            }
        }
        return CellTest.YES;
    }
}
