package io.arbiter.safety;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.kie.dmn.feel.lang.impl.FEELEventListenersManager;
import org.kie.dmn.feel.parser.feel11.FEELParser;
import org.kie.dmn.feel.parser.feel11.FEEL_1_1Parser;

/**
 * FEEL by its syntax tree: every expression and unary test of a model is parsed with kie's own FEEL parser, and a
 * function definition marked {@code external} (which kie binds to any static Java method, or to PMML) is refused
 * wherever and however it is written: comments, line breaks, parentheses or a variable between {@code external}
 * and its body do not change what the parser builds. The parser recovers from syntax errors, and kie evaluates
 * what it recovered, so the recovered tree is checked too. Each text is read both as an expression and as unary
 * tests, the two ways kie compiles FEEL, because a text's role in kie is not always its element's type. It also
 * refuses iterations over huge ranges written with numbers ({@link #MAX_LITERAL_RANGE}).
 */
final class FeelSafety {

    /** What was found, and where in the text it starts. */
    record Finding(int line, int column, String what) {
    }

    /**
     * An iteration over a range written with two numbers ({@code for i in 1..100000000}) builds or walks every value
     * between them within one expression, where no budget checkpoint can stop it: more than this many is refused.
     * Ranges computed from inputs are bounded by the evaluation budgets and the publication's scenario runs.
     */
    static final BigDecimal MAX_LITERAL_RANGE = BigDecimal.valueOf(1_000_000);

    private FeelSafety() {
    }

    static List<Finding> findings(String text) {
        List<Finding> found = new ArrayList<>();
        collect(parser(text).compilation_unit(), found);
        collect(parser(text).unaryTestsRoot(), found);
        return found.stream().distinct().toList();
    }

    /** The number of values between two numeric literals, or null when either is not one. */
    private static BigDecimal span(String from, String to) {
        try {
            return new BigDecimal(to.strip()).subtract(new BigDecimal(from.strip())).abs();
        } catch (NumberFormatException notNumbers) {
            return null;
        }
    }

    private static FEEL_1_1Parser parser(String text) {
        // a manager with no listeners: syntax errors are the compiler's to report, the gate only reads the tree
        return FEELParser.parse(new FEELEventListenersManager(), text, Map.of(), Map.of(), List.of(), List.of(), null);
    }

    private static void collect(ParseTree node, List<Finding> found) {
        if (node instanceof FEEL_1_1Parser.FunctionDefinitionContext definition && definition.external != null) {
            found.add(new Finding(definition.external.getLine(), definition.external.getCharPositionInLine() + 1,
                    "FEEL external functions bind Java or PMML code and are not allowed (function(..) external)"));
        }
        if (node instanceof FEEL_1_1Parser.IterationContextContext iteration && iteration.ELIPSIS() != null
                && iteration.expression().size() == 2) {
            BigDecimal span = span(iteration.expression(0).getText(), iteration.expression(1).getText());
            if (span != null && span.compareTo(MAX_LITERAL_RANGE) > 0) {
                found.add(new Finding(iteration.getStart().getLine(), iteration.getStart().getCharPositionInLine() + 1,
                        "an iteration over " + span.toPlainString() + " values (" + iteration.getText() + "); at most "
                                + MAX_LITERAL_RANGE.toPlainString() + " in a range written with numbers"));
            }
        }
        if (node instanceof ParserRuleContext context && context.children != null) {
            for (ParseTree child : context.children) {
                collect(child, found);
            }
        }
    }
}
