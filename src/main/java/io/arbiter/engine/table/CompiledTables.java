package io.arbiter.engine.table;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.kie.dmn.core.api.DMNExpressionEvaluator;
import org.kie.dmn.core.ast.DMNBaseNode;
import org.kie.dmn.core.compiler.DMNCompilerConfigurationImpl;
import org.kie.dmn.core.compiler.DMNCompilerImpl;
import org.kie.dmn.core.compiler.DMNDecisionLogicCompiler;
import org.kie.dmn.core.compiler.DMNDecisionLogicCompilerFactory;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.HitPolicy;
import org.kie.dmn.model.api.InputClause;
import org.kie.dmn.model.api.OutputClause;

/**
 * Plugs compiled decision tables into kie-dmn's compiler ({@code DMNRuntimeBuilder.setDecisionLogicCompilerFactory}).
 * kie-dmn still compiles every expression (so its validation messages and its evaluator exist); a single-output
 * FIRST or UNIQUE table over plain input names whose every cell {@link UnaryTestCompiler} understands is then
 * evaluated by {@link CompiledDecisionTable}, with kie's evaluator kept for the cases the plan does not decide.
 * Why: kie's interpreter re-resolves names and re-walks FEEL trees per cell, which was most of a decision's cost.
 */
public final class CompiledTables implements DMNDecisionLogicCompilerFactory {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final List<String> FEEL_WORDS = List.of("true", "false", "null", "not", "and", "or", "in",
            "between", "instance", "of", "if", "then", "else", "for", "return", "some", "every", "satisfies", "function");

    @Override
    public DMNDecisionLogicCompiler newDMNDecisionLogicCompiler(DMNCompilerImpl compiler, DMNCompilerConfigurationImpl config) {
        DMNDecisionLogicCompiler kie = new DMNCompilerConfigurationImpl.KieDefaultDMNDecisionLogicCompilerFactory()
                .newDMNDecisionLogicCompiler(compiler, config);
        return (context, model, node, name, expression) -> {
            DMNExpressionEvaluator interpreted = kie.compileExpression(context, model, node, name, expression);
            if (interpreted == null || !(expression instanceof DecisionTable table)) {
                return interpreted;
            }
            return compile(node, table, interpreted).orElse(interpreted);
        };
    }

    static Optional<DMNExpressionEvaluator> compile(DMNBaseNode node, DecisionTable table, DMNExpressionEvaluator interpreted) {
        CompiledDecisionTable.Policy policy;
        if (table.getHitPolicy() == HitPolicy.FIRST) {
            policy = CompiledDecisionTable.Policy.FIRST;
        } else if (table.getHitPolicy() == HitPolicy.UNIQUE) {
            policy = CompiledDecisionTable.Policy.UNIQUE;
        } else {
            return Optional.empty();
        }
        if (table.getAggregation() != null || table.getOutput().size() != 1) {
            return Optional.empty();
        }
        OutputClause output = table.getOutput().get(0);
        if (output.getDefaultOutputEntry() != null) {
            return Optional.empty();
        }
        Optional<CellTest> allowedOutputs = output.getOutputValues() == null ? Optional.of(CellTest.ANY)
                : UnaryTestCompiler.compile(output.getOutputValues().getText());
        if (allowedOutputs.isEmpty()) {
            return Optional.empty();
        }
        String[] inputNames = new String[table.getInput().size()];
        for (int column = 0; column < inputNames.length; column++) {
            InputClause input = table.getInput().get(column);
            String text = input.getInputExpression() == null ? null : input.getInputExpression().getText();
            if (text == null || input.getInputValues() != null) {
                return Optional.empty();
            }
            text = text.strip();
            if (!PLAIN_NAME.matcher(text).matches() || FEEL_WORDS.contains(text)) {
                return Optional.empty();
            }
            inputNames[column] = text;
        }
        List<DecisionRule> rules = table.getRule();
        CellTest[][] tests = new CellTest[rules.size()][];
        Object[] outputs = new Object[rules.size()];
        String[] ruleIds = new String[rules.size()];
        for (int row = 0; row < rules.size(); row++) {
            DecisionRule rule = rules.get(row);
            if (rule.getInputEntry().size() != inputNames.length || rule.getOutputEntry().size() != 1) {
                return Optional.empty();
            }
            tests[row] = new CellTest[inputNames.length];
            for (int column = 0; column < inputNames.length; column++) {
                Optional<CellTest> test = UnaryTestCompiler.compile(rule.getInputEntry().get(column).getText());
                if (test.isEmpty()) {
                    return Optional.empty();
                }
                tests[row][column] = test.get();
            }
            Optional<Object> value = literal(rule.getOutputEntry().get(0).getText());
            if (value.isEmpty() || allowedOutputs.get().test(value.get() == NULL ? null : value.get()) != CellTest.YES) {
                return Optional.empty();
            }
            outputs[row] = value.get() == NULL ? null : value.get();
            ruleIds[row] = rule.getId();
        }
        String tableName = table.getLabel() != null ? table.getLabel() : node.getName();
        return Optional.of(new CompiledDecisionTable(node.getName(), tableName, table.getId(), inputNames, tests,
                outputs, ruleIds, policy, interpreted));
    }

    private static final Object NULL = new Object();

    /** An output entry that is a literal: string, number, boolean or null. */
    private static Optional<Object> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.strip();
        if (trimmed.equals("null")) {
            return Optional.of(NULL);
        }
        if (trimmed.equals("true") || trimmed.equals("false")) {
            return Optional.of(Boolean.valueOf(trimmed));
        }
        if (trimmed.matches("\"[^\"\\\\]*\"")) {
            return Optional.of(trimmed.substring(1, trimmed.length() - 1));
        }
        if (trimmed.matches("-?\\d+(\\.\\d+)?")) {
            return Optional.of(new BigDecimal(trimmed));
        }
        return Optional.empty();
    }

}
