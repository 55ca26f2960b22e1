package io.arbiter.safety;

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
 * tests, the two ways kie compiles FEEL, because a text's role in kie is not always its element's type.
 */
final class FeelSafety {

    /** Where in the text an external function definition starts. */
    record Finding(int line, int column) {
    }

    private FeelSafety() {
    }

    static List<Finding> externalFunctions(String text) {
        List<Finding> found = new ArrayList<>();
        collect(parser(text).compilation_unit(), found);
        collect(parser(text).unaryTestsRoot(), found);
        return found.stream().distinct().toList();
    }

    private static FEEL_1_1Parser parser(String text) {
        // a manager with no listeners: syntax errors are the compiler's to report, the gate only reads the tree
        return FEELParser.parse(new FEELEventListenersManager(), text, Map.of(), Map.of(), List.of(), List.of(), null);
    }

    private static void collect(ParseTree node, List<Finding> found) {
        if (node instanceof FEEL_1_1Parser.FunctionDefinitionContext definition && definition.external != null) {
            found.add(new Finding(definition.external.getLine(), definition.external.getCharPositionInLine() + 1));
        }
        if (node instanceof ParserRuleContext context && context.children != null) {
            for (ParseTree child : context.children) {
                collect(child, found);
            }
        }
    }
}
