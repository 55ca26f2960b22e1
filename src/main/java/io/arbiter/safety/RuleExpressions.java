package io.arbiter.safety;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;

import io.arbiter.bundle.CompilationMessage;

/**
 * Checks the Java and MVEL code of a DRL file on its syntax tree (JavaParser): constraint operands, {@code eval},
 * {@code from} and accumulate arguments, and consequences. Every name is resolved and every expression typed; a
 * construct is accepted only when the allow-list names it ({@link RuleVocabulary}), so anything the checks do not
 * understand is refused. Consequences may declare local variables, call the engine's {@code insert},
 * {@code insertLogical}, {@code update}, {@code delete} and {@code retract} on facts, and use {@code if}; no loops,
 * no assignments, no lambdas, no class literals, no arrays, no reflection, no other use of {@code drools} or
 * {@code kcontext} than {@code getRule()}.
 *
 * <p>Cost: without loops, a consequence's work is bounded by its text, except where a value is reused; each
 * statement's size with the local variables it reads substituted (what a chain of {@code a = b + b} doubles) is
 * bounded by {@link #MAX_EXPANDED_SIZE}, long string literals weighing in proportion to their length.
 */
final class RuleExpressions {

    /** Syntax-tree nodes an expression may have once its local variables are substituted. */
    static final long MAX_EXPANDED_SIZE = 10_000;
    /** The escapes every reader of a consequence (JavaParser, Drools' Java 5 lexer, javac) reads alike. */
    private static final String SIMPLE_ESCAPES = "btnfr\"'\\";
    /** Terms all the expressions of one rule may have together, once their local variables are substituted. */
    static final long MAX_RULE_SIZE = 20_000;
    /** A string literal counts as one term per this many characters. */
    private static final int LITERAL_CHARACTERS_PER_TERM = 16;
    private static final String LOOPS = "loops are not allowed in a consequence: a rule fires once per match of its"
            + " conditions, so let the conditions (or accumulate) iterate";

    private static final String TOO_DEEP = "the code nests too deeply to be checked (thousands of levels of"
            + " parentheses, calls or dereferences); write it flatter";

    /** A JavaParser instance keeps parsing state, so each checker (one file, one thread) has its own. */
    private static JavaParser newParser() {
        return new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setAttributeComments(false));
    }

    /** A name the checked code may use: a bound or local variable and its type; locals carry their size. */
    record Variable(RuleType type, long expandedSize) {
    }

    /** The type of a checked expression and its size with local variables substituted. */
    private record Typed(RuleType type, long size) {
    }

    /** A refused construct: where and why. */
    private static final class Refusal extends RuntimeException {
        private final Node node;

        Refusal(Node node, String message) {
            super(message, null, false, false);
            this.node = node;
        }
    }

    /** The names visible in a piece of rule code. */
    static final class Scope {
        private final Map<String, Variable> variables;
        private final RuleType self;
        private final boolean consequence;

        private Scope(Map<String, Variable> variables, RuleType self, boolean consequence) {
            this.variables = variables;
            this.self = self;
            this.consequence = consequence;
        }

        /** A constraint of a pattern: its properties are in scope unqualified, as MVEL reads them. */
        static Scope constraint(Map<String, RuleType> bound, RuleType patternType) {
            return new Scope(variables(bound), patternType, false);
        }

        /** eval, from, accumulate arguments: the rule's bound variables only. */
        static Scope expression(Map<String, RuleType> bound) {
            return new Scope(variables(bound), null, false);
        }

        static Scope consequence(Map<String, RuleType> bound) {
            return new Scope(variables(bound), null, true);
        }

        private Scope nested() {
            return new Scope(new HashMap<>(variables), self, consequence);
        }

        private static Map<String, Variable> variables(Map<String, RuleType> bound) {
            Map<String, Variable> variables = new HashMap<>();
            bound.forEach((name, type) -> variables.put(name, new Variable(type, 1)));
            return variables;
        }
    }

    private final JavaParser parser = newParser();
    private long ruleSize;
    private final String file;
    private final Map<String, RuleType> typeNames;
    private final RuleVocabulary vocabulary;
    private final List<CompilationMessage> errors;

    /**
     * @param typeNames the types the file may name by simple name: implicit, imported and declared ones
     * @param vocabulary the allow-list of the file's role
     * @param errors    where refusals are reported
     */
    RuleExpressions(String file, Map<String, RuleType> typeNames, RuleVocabulary vocabulary,
                    List<CompilationMessage> errors) {
        this.file = file;
        this.typeNames = typeNames;
        this.vocabulary = vocabulary;
        this.errors = errors;
    }

    /** Checks one expression starting at {@code line}; its type when accepted. */
    Optional<RuleType> expression(String text, int line, Scope scope) {
        Optional<ParseResult<Expression>> attempt = parseExpression(text, line);
        if (attempt.isEmpty()) {
            return Optional.empty();
        }
        ParseResult<Expression> parsed = attempt.get();
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            report(line, "`" + abbreviate(text) + "` is not an expression the checks accept (plain Java expressions"
                    + " only; MVEL-only syntax such as !. # [..] {..} is not allowed): " + problems(parsed));
            return Optional.empty();
        }
        if (parsed.getCommentsCollection().map(c -> c.size() > 0).orElse(false)) {
            // Drools re-reads condition text with regular expressions that do not know comments (eval, !., #)
            report(line, "comments are not allowed inside a condition's expressions; put them on a line of their own");
            return Optional.empty();
        }
        try {
            return Optional.of(check(parsed.getResult().get(), scope).type());
        } catch (StackOverflowError e) {
            report(line, TOO_DEEP);
            return Optional.empty();
        } catch (Refusal refusal) {
            report(line + line(refusal.node) - 1, refusal);
            return Optional.empty();
        }
    }

    private Optional<ParseResult<Expression>> parseExpression(String text, int line) {
        try {
            return Optional.of(parser.parseExpression(text));
        } catch (StackOverflowError e) {
            report(line, TOO_DEEP);
            return Optional.empty();
        }
    }

    /** Checks a consequence whose first line is {@code line}; each statement is reported on its own. */
    void consequence(String text, int line, Scope scope) {
        ParseResult<BlockStmt> parsed;
        try {
            parsed = parser.parseBlock("{" + text + "\n}");
        } catch (StackOverflowError e) {
            report(line, TOO_DEEP);
            return;
        }
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            report(line, "the consequence is not plain Java (modify blocks and MVEL are not supported): "
                    + problems(parsed));
            return;
        }
        block(parsed.getResult().get(), scope, line);
    }

    private void block(BlockStmt block, Scope outer, int firstLine) {
        Scope scope = outer.nested();
        for (Statement statement : block.getStatements()) {
            try {
                statement(statement, scope, firstLine);
            } catch (Refusal refusal) {
                report(firstLine + line(refusal.node) - 1, refusal);
            } catch (StackOverflowError e) {
                report(firstLine + line(statement) - 1, TOO_DEEP);
            }
        }
    }

    private void statement(Statement statement, Scope scope, int firstLine) {
        if (statement instanceof BlockStmt block) {
            block(block, scope, firstLine);
        } else if (statement instanceof EmptyStmt) {
            return;
        } else if (statement instanceof IfStmt ifStmt) {
            Typed condition = check(ifStmt.getCondition(), scope);
            requireBoolean(ifStmt.getCondition(), condition.type());
            branch(ifStmt.getThenStmt(), scope, firstLine);
            ifStmt.getElseStmt().ifPresent(otherwise -> branch(otherwise, scope, firstLine));
        } else if (statement instanceof ExpressionStmt expressionStmt) {
            Expression expression = expressionStmt.getExpression();
            if (expression instanceof VariableDeclarationExpr declaration) {
                declare(declaration, scope);
            } else if (expression instanceof MethodCallExpr || expression instanceof ObjectCreationExpr) {
                check(expression, scope);
            } else {
                throw refuse(expression, describe(expression) + " is not allowed as a statement: a consequence"
                        + " declares variables and calls methods; it does not assign or change values");
            }
        } else if (statement.isWhileStmt() || statement.isDoStmt() || statement.isForStmt() || statement.isForEachStmt()) {
            throw refuse(statement, LOOPS);
        } else {
            throw refuse(statement, describe(statement) + " is not allowed in a consequence (allowed: variable"
                    + " declarations, method calls, if/else and blocks)");
        }
    }

    private void branch(Statement statement, Scope scope, int firstLine) {
        Scope inner = scope.nested();
        if (statement instanceof BlockStmt block) {
            block(block, inner, firstLine);
        } else {
            statement(statement, inner, firstLine);
        }
    }

    private void declare(VariableDeclarationExpr declaration, Scope scope) {
        for (VariableDeclarator variable : declaration.getVariables()) {
            RuleType type = type(variable.getType());
            String name = variable.getNameAsString();
            if (scope.variables.containsKey(name)) {
                throw refuse(variable, "variable " + name + " is already defined");
            }
            Expression initializer = variable.getInitializer().orElseThrow(() -> refuse(variable,
                    "variable " + name + " must be initialised where it is declared (no assignments later)"));
            Typed value = check(initializer, scope);
            scope.variables.put(name, new Variable(type, value.size()));
        }
    }

    private Typed check(Expression expression, Scope scope) {
        Typed typed = typeOf(expression, scope);
        if (typed.size() > MAX_EXPANDED_SIZE) {
            throw refuse(expression, "the expression grows to more than " + MAX_EXPANDED_SIZE + " terms once its"
                    + " local variables are substituted; compute it in fewer steps");
        }
        ruleSize += typed.size();
        return typed;
    }

    /** Starts counting the terms of one rule's expressions. */
    void startRule() {
        ruleSize = 0;
    }

    /** The terms of the current rule's expressions so far, each with its local variables substituted. */
    long ruleSize() {
        return ruleSize;
    }

    private Typed typeOf(Expression expression, Scope scope) {
        if (expression instanceof EnclosedExpr enclosed) {
            Typed inner = typeOf(enclosed.getInner(), scope);
            return new Typed(inner.type(), inner.size() + 1);
        }
        if (expression instanceof StringLiteralExpr literal) {
            escapes(literal, literal.getValue(), scope);
            // a long literal weighs as much as the terms it replaces: 10,000 copies of a 2 MB text are not "small"
            return new Typed(RuleType.of(String.class), 1 + literal.getValue().length() / LITERAL_CHARACTERS_PER_TERM);
        }
        if (expression instanceof IntegerLiteralExpr) {
            return leaf(int.class);
        }
        if (expression instanceof LongLiteralExpr) {
            return leaf(long.class);
        }
        if (expression instanceof DoubleLiteralExpr literal) {
            return leaf(literal.getValue().toLowerCase().endsWith("f") ? float.class : double.class);
        }
        if (expression instanceof BooleanLiteralExpr) {
            return leaf(boolean.class);
        }
        if (expression instanceof CharLiteralExpr literal) {
            if (!scope.consequence) {
                throw refuse(expression, "character literals are not allowed in conditions; write a string in double"
                        + " quotes (Drools re-reads condition text with a reader that does not know them)");
            }
            escapes(literal, literal.getValue(), scope);
            return leaf(char.class);
        }
        if (expression instanceof NullLiteralExpr) {
            return new Typed(RuleType.NULL, 1);
        }
        if (expression instanceof ThisExpr thisExpr) {
            if (scope.self == null || thisExpr.getTypeName().isPresent()) {
                throw refuse(expression, "`this` is only allowed in a pattern's constraints, for the matched fact");
            }
            return new Typed(scope.self, 1);
        }
        if (expression instanceof NameExpr name) {
            return name(name, scope);
        }
        if (expression instanceof FieldAccessExpr access) {
            return fieldAccess(access, scope);
        }
        if (expression instanceof MethodCallExpr call) {
            return call(call, scope);
        }
        if (expression instanceof ObjectCreationExpr creation) {
            return creation(creation, scope);
        }
        if (expression instanceof BinaryExpr binary) {
            return binary(binary, scope);
        }
        if (expression instanceof UnaryExpr unary) {
            return unary(unary, scope);
        }
        if (expression instanceof ConditionalExpr conditional) {
            Typed condition = typeOf(conditional.getCondition(), scope);
            requireBoolean(conditional.getCondition(), condition.type());
            Typed then = typeOf(conditional.getThenExpr(), scope);
            Typed otherwise = typeOf(conditional.getElseExpr(), scope);
            return new Typed(common(conditional, then.type(), otherwise.type()), condition.size() + then.size()
                    + otherwise.size() + 1);
        }
        if (expression instanceof CastExpr cast) {
            RuleType target = type(cast.getType());
            Typed inner = typeOf(cast.getExpression(), scope);
            return new Typed(target, inner.size() + 1);
        }
        if (expression instanceof InstanceOfExpr instanceOf) {
            if (instanceOf.getPattern().isPresent()) {
                throw refuse(expression, "instanceof with a pattern variable is not allowed");
            }
            type(instanceOf.getType());
            return new Typed(RuleType.of(boolean.class), typeOf(instanceOf.getExpression(), scope).size() + 1);
        }
        throw refuse(expression, describe(expression) + " is not allowed in rules");
    }

    /**
     * Escapes in a literal. Drools re-reads rule code with readers of its own before javac sees it: a Java 5 lexer
     * for consequences (which knows only \b \t \n \f \r \" \' \\) and a quote counter for conditions (which
     * knows no escape at all). A literal they would end elsewhere than JavaParser does could turn text the checks
     * read as a string into code, so consequences may use those escapes only and conditions none.
     */
    private void escapes(Node literal, String raw, Scope scope) {
        for (int i = raw.indexOf('\\'); i >= 0; i = raw.indexOf('\\', i + 2)) {
            char escaped = i + 1 < raw.length() ? raw.charAt(i + 1) : ' ';
            if (!scope.consequence) {
                throw refuse(literal, "escapes (\\" + escaped + ") are not allowed in the literals of a condition");
            }
            if (SIMPLE_ESCAPES.indexOf(escaped) < 0) {
                throw refuse(literal, "the escape \\" + escaped + " is not allowed; a consequence's literals may use"
                        + " \\b \\t \\n \\f \\r \\\" \\' \\\\ only");
            }
        }
    }

    private Typed name(NameExpr name, Scope scope) {
        String identifier = name.getNameAsString();
        Variable variable = scope.variables.get(identifier);
        if (variable != null) {
            return new Typed(variable.type(), variable.expandedSize());
        }
        if (scope.consequence && (identifier.equals("drools") || identifier.equals("kcontext"))) {
            return new Typed(RuleType.RULE_CONTEXT, 1);
        }
        if (scope.self != null) {
            Optional<RuleType> property = property(scope.self, identifier);
            if (property.isPresent()) {
                return new Typed(property.get(), 1);
            }
        }
        throw refuse(name, typeNames.containsKey(identifier)
                ? "the type " + identifier + " cannot be used as a value"
                : "unknown name '" + identifier + "': not a bound variable" + (scope.self == null ? ""
                : ", nor a property of " + scope.self) + (scope.consequence ? ", a local variable" : "")
                + ", nor a type rules may use (" + vocabulary.describe() + ")");
    }

    private Typed fieldAccess(FieldAccessExpr access, Scope scope) {
        qualifiedName(access, scope);
        String field = access.getNameAsString();
        Optional<RuleType> staticOwner = typeName(access.getScope(), scope);
        if (staticOwner.isPresent()) {
            return new Typed(staticField(access, staticOwner.get(), field), 1);
        }
        Typed owner = typeOf(access.getScope(), scope);
        if (scope.consequence) {
            throw refuse(access, "field access `" + source(access) + "` is not allowed; call the getter");
        }
        Optional<RuleType> property = property(owner.type(), field);
        if (property.isEmpty()) {
            throw refuse(access, owner.type() + " has no property `" + field + "` rules may read");
        }
        return new Typed(property.get(), owner.size() + 1);
    }

    /**
     * {@code java.lang.Runtime}: a chain of names whose first one is neither a variable nor a type is a qualified
     * class name, which is refused as such (with the same result as an unknown name, but a clearer message).
     */
    private void qualifiedName(FieldAccessExpr access, Scope scope) {
        Expression root = access;
        while (root instanceof FieldAccessExpr inner) {
            root = inner.getScope();
        }
        if (root instanceof NameExpr first && !scope.variables.containsKey(first.getNameAsString())
                && typeName(first, scope).isEmpty() && !(scope.consequence && isRuleContext(first.getNameAsString()))
                && !(scope.self != null && property(scope.self, first.getNameAsString()).isPresent())) {
            throw refuse(access, "fully qualified class names (" + source(access) + ") are not allowed; import an allowed type");
        }
    }

    private static boolean isRuleContext(String name) {
        return name.equals("drools") || name.equals("kcontext");
    }

    private RuleType staticField(Node at, RuleType owner, String field) {
        RuleVocabulary.Members members = owner.isJava() ? vocabulary.members(owner.javaClass()).orElse(null) : null;
        if (members == null || !members.staticFields().contains(field)) {
            throw refuse(at, owner + "." + field + " is not a constant rules may use");
        }
        try {
            Field javaField = owner.javaClass().getField(field);
            return RuleType.of(javaField.getType());
        } catch (NoSuchFieldException e) {
            throw refuse(at, owner + " has no constant " + field);
        }
    }

    private Typed call(MethodCallExpr call, Scope scope) {
        if (call.getTypeArguments().isPresent()) {
            throw refuse(call, "explicit type arguments are not allowed");
        }
        String method = call.getNameAsString();
        List<Typed> arguments = new ArrayList<>();
        long size = 1;
        for (Expression argument : call.getArguments()) {
            Typed typed = typeOf(argument, scope);
            arguments.add(typed);
            size += typed.size();
        }
        if (call.getScope().isEmpty()) {
            if (scope.consequence) {
                return new Typed(engineCall(call, method, arguments), size);
            }
            if (scope.self != null) {
                return new Typed(javaCall(call, scope.self, false, method, arguments), size);
            }
            throw refuse(call, "unknown method `" + method + "`");
        }
        Expression receiver = call.getScope().get();
        Optional<RuleType> staticOwner = typeName(receiver, scope);
        if (staticOwner.isPresent()) {
            return new Typed(javaCall(call, staticOwner.get(), true, method, arguments), size);
        }
        Typed target = typeOf(receiver, scope);
        size += target.size();
        if (target.type().kind() == RuleType.Kind.RULE_CONTEXT) {
            return new Typed(engineCall(call, method, arguments), size);
        }
        return new Typed(javaCall(call, target.type(), false, method, arguments), size);
    }

    /** {@code insert(..)} and the other engine calls of a consequence, bare or on {@code drools}/{@code kcontext}. */
    private RuleType engineCall(MethodCallExpr call, String method, List<Typed> arguments) {
        switch (method) {
            case "insert", "insertLogical", "update", "delete", "retract" -> {
                if (arguments.size() != 1) {
                    throw refuse(call, method + " takes one fact");
                }
                RuleType fact = arguments.get(0).type();
                if (!(fact.isDeclared() || (fact.isJava() && vocabulary.isFact(fact.javaClass())))) {
                    throw refuse(call, method + " works on rule facts (" + vocabulary.factNames()
                            + " or a type this file declares), not on " + fact);
                }
                return RuleType.of(void.class);
            }
            case "getRule" -> {
                if (!arguments.isEmpty()) {
                    throw refuse(call, "getRule takes no argument");
                }
                return RuleType.of(org.kie.api.definition.rule.Rule.class);
            }
            default -> throw refuse(call, "`" + method + "` is not allowed: a consequence may call insert, insertLogical,"
                    + " update, delete, retract and drools.getRule() of the engine, and methods of the allowed types");
        }
    }

    private RuleType javaCall(MethodCallExpr call, RuleType owner, boolean isStatic, String method, List<Typed> arguments) {
        if (owner.isDeclared()) {
            return declaredCall(call, owner, method, arguments);
        }
        if (!owner.isJava() || owner.isPrimitive()) {
            throw refuse(call, "methods cannot be called on " + owner);
        }
        Class<?> type = owner.javaClass();
        RuleVocabulary.Members members = vocabulary.members(type).orElseThrow(() ->
                refuse(call, type.getSimpleName() + " is not a type rules may use"));
        boolean allowed = isStatic ? members.staticMethods().contains(method)
                : members.methods().contains(method) || RuleVocabulary.universal(method);
        if (!allowed) {
            throw refuse(call, (isStatic ? "static method " : "method ") + type.getSimpleName() + "." + method
                    + "(..) is not allowed; allowed on " + type.getSimpleName() + ": "
                    + String.join(", ", isStatic ? members.staticMethods() : members.methods()));
        }
        smallIntArgument(call, type, method);
        List<Method> applicable = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(method) && Modifier.isStatic(m.getModifiers()) == isStatic
                        && m.getParameterCount() == arguments.size() && applicable(m.getParameterTypes(), arguments))
                .toList();
        if (applicable.isEmpty()) {
            throw refuse(call, type.getSimpleName() + "." + method + " takes no arguments of types "
                    + arguments.stream().map(a -> a.type().toString()).toList());
        }
        Class<?> returned = applicable.get(0).getReturnType();
        for (Method candidate : applicable) {
            if (candidate.getReturnType() != returned && !(candidate.getReturnType().isPrimitive() && returned.isPrimitive())) {
                throw refuse(call, "the call " + type.getSimpleName() + "." + method + " is ambiguous; cast its arguments");
            }
        }
        if (!vocabulary.usable(returned) && returned != void.class) {
            throw refuse(call, type.getSimpleName() + "." + method + " gives a " + returned.getSimpleName()
                    + ", which rules may not use");
        }
        return RuleType.of(returned);
    }

    /** A declared type's generated getters, and the methods every object has. */
    private RuleType declaredCall(MethodCallExpr call, RuleType owner, String method, List<Typed> arguments) {
        if (RuleVocabulary.universal(method)) {
            return RuleType.of(method.equals("equals") ? boolean.class : method.equals("hashCode") ? int.class : String.class);
        }
        for (Map.Entry<String, RuleType> field : owner.declaredFields().entrySet()) {
            String capitalised = Character.toUpperCase(field.getKey().charAt(0)) + field.getKey().substring(1);
            if (arguments.isEmpty() && (method.equals("get" + capitalised)
                    || (method.equals("is" + capitalised) && field.getValue().isBoolean()))) {
                return field.getValue();
            }
        }
        throw refuse(call, "method " + owner + "." + method + "(..) is not allowed: a declared type offers its getters");
    }

    private void smallIntArgument(MethodCallExpr call, Class<?> type, String method) {
        Integer index = RuleVocabulary.SMALL_INT_ARGUMENTS.get(type.getSimpleName() + "." + method + "/"
                + call.getArguments().size());
        if (index != null && !smallLiteral(call.getArgument(index))) {
            throw refuse(call, "the scale given to " + type.getSimpleName() + "." + method + " must be a number"
                    + " written in the rule, from 0 to " + RuleVocabulary.MAX_LITERAL_SCALE);
        }
    }

    private static boolean smallLiteral(Expression argument) {
        if (!(argument instanceof IntegerLiteralExpr literal)) {
            return false;
        }
        try {
            int value = literal.asNumber().intValue();
            return value >= 0 && value <= RuleVocabulary.MAX_LITERAL_SCALE;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Typed creation(ObjectCreationExpr creation, Scope scope) {
        if (creation.getAnonymousClassBody().isPresent() || creation.getScope().isPresent()
                || creation.getTypeArguments().isPresent() || creation.getType().getTypeArguments().isPresent()) {
            throw refuse(creation, "anonymous classes, inner-class creation and type arguments are not allowed");
        }
        RuleType type = type(creation.getType());
        long size = 1;
        for (Expression argument : creation.getArguments()) {
            size += typeOf(argument, scope).size();
        }
        int arity = creation.getArguments().size();
        if (type.isDeclared()) {
            if (arity != 0 && arity != type.declaredFields().size()) {
                throw refuse(creation, "new " + type + "(..) takes no argument or one per field ("
                        + type.declaredFields().size() + ")");
            }
            return new Typed(type, size);
        }
        RuleVocabulary.Members members = type.isJava() ? vocabulary.members(type.javaClass()).orElse(null) : null;
        if (members == null || !members.constructorArities().contains(arity)) {
            throw refuse(creation, "new " + type + "(..) with " + arity + " arguments is not allowed");
        }
        if (type.is(BigDecimal.class) && !boundedDecimalLiteral(creation.getArgument(0))) {
            throw refuse(creation, "new BigDecimal(..) takes a number written in the rule (at most 64 digits,"
                    + " exponent within 64), as a string or an integer; use BigDecimal.valueOf for computed values");
        }
        return new Typed(type, size);
    }

    private static boolean boundedDecimalLiteral(Expression argument) {
        if (argument instanceof IntegerLiteralExpr || argument instanceof LongLiteralExpr) {
            return true;
        }
        if (!(argument instanceof StringLiteralExpr literal)) {
            return false;
        }
        try {
            BigDecimal value = new BigDecimal(literal.asString());
            return value.precision() <= 64 && Math.abs(value.scale()) <= 64;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Typed binary(BinaryExpr binary, Scope scope) {
        Typed left = typeOf(binary.getLeft(), scope);
        Typed right = typeOf(binary.getRight(), scope);
        long size = left.size() + right.size() + 1;
        RuleType l = left.type();
        RuleType r = right.type();
        return switch (binary.getOperator()) {
            case OR, AND -> {
                requireBoolean(binary.getLeft(), l);
                requireBoolean(binary.getRight(), r);
                yield new Typed(RuleType.of(boolean.class), size);
            }
            case EQUALS, NOT_EQUALS, LESS, GREATER, LESS_EQUALS, GREATER_EQUALS -> new Typed(RuleType.of(boolean.class), size);
            case PLUS -> {
                if (l.is(String.class) || r.is(String.class)) {
                    yield new Typed(RuleType.of(String.class), size);
                }
                yield new Typed(arithmetic(binary, l, r), size);
            }
            case MINUS, MULTIPLY, DIVIDE, REMAINDER -> new Typed(arithmetic(binary, l, r), size);
            default -> throw refuse(binary, "the operator " + binary.getOperator().asString() + " is not allowed");
        };
    }

    /** Numeric promotion as Java does it, with MVEL's BigDecimal arithmetic in constraints. */
    private RuleType arithmetic(Node at, RuleType left, RuleType right) {
        if (!left.isNumeric() || !right.isNumeric()) {
            throw refuse(at, "arithmetic needs numbers, not " + left + " and " + right);
        }
        if (left.is(BigDecimal.class) || right.is(BigDecimal.class)) {
            return RuleType.of(BigDecimal.class);
        }
        Class<?> l = left.unboxed();
        Class<?> r = right.unboxed();
        for (Class<?> wide : List.of(double.class, float.class, long.class)) {
            if (l == wide || r == wide) {
                return RuleType.of(wide);
            }
        }
        return RuleType.of(int.class);
    }

    private Typed unary(UnaryExpr unary, Scope scope) {
        Typed operand = typeOf(unary.getExpression(), scope);
        return switch (unary.getOperator()) {
            case LOGICAL_COMPLEMENT -> {
                requireBoolean(unary.getExpression(), operand.type());
                yield new Typed(operand.type(), operand.size() + 1);
            }
            case MINUS, PLUS -> {
                if (!operand.type().isNumeric()) {
                    throw refuse(unary, "the sign of " + operand.type() + " is not defined");
                }
                yield new Typed(operand.type(), operand.size() + 1);
            }
            default -> throw refuse(unary, "the operator " + unary.getOperator().asString()
                    + " is not allowed: values are not changed in place");
        };
    }

    private RuleType common(Node at, RuleType a, RuleType b) {
        if (a.equals(b)) {
            return a;
        }
        if (a.kind() == RuleType.Kind.NULL) {
            return b;
        }
        if (b.kind() == RuleType.Kind.NULL) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return arithmetic(at, a, b);
        }
        throw refuse(at, "the branches give different types: " + a + " and " + b);
    }

    private void requireBoolean(Node at, RuleType type) {
        if (!type.isBoolean()) {
            throw refuse(at, "a condition must be true or false, not " + type);
        }
    }

    /** The type a type name in the code refers to: primitives, and the allowed or declared types by simple name. */
    RuleType type(Type type) {
        if (type instanceof PrimitiveType primitive) {
            return RuleType.of(switch (primitive.getType()) {
                case BOOLEAN -> boolean.class;
                case CHAR -> char.class;
                case BYTE -> byte.class;
                case SHORT -> short.class;
                case INT -> int.class;
                case LONG -> long.class;
                case FLOAT -> float.class;
                case DOUBLE -> double.class;
            });
        }
        if (type instanceof ClassOrInterfaceType named) {
            if (named.getScope().isPresent()) {
                throw refuse(type, "fully qualified names (" + source(named) + ") are not allowed; import an allowed type");
            }
            if (named.getTypeArguments().isPresent()) {
                throw refuse(type, "type arguments (" + source(named) + ") are not allowed");
            }
            RuleType resolved = typeNames.get(named.getNameAsString());
            if (resolved == null) {
                throw refuse(type, named.getNameAsString() + " is not a type rules may use ("
                        + vocabulary.describe() + ", or a type the file declares)");
            }
            return resolved;
        }
        throw refuse(type, "the type " + source(type) + " is not allowed (no arrays, no var, no wildcards)");
    }

    /**
     * The type a scope expression names when it is a type rather than a value ({@code Math} in Math.max). As in
     * Java and MVEL, a variable (or a property of the matched fact) of that name hides the type.
     */
    private Optional<RuleType> typeName(Expression expression, Scope scope) {
        if (!(expression instanceof NameExpr name)) {
            return Optional.empty();
        }
        String identifier = name.getNameAsString();
        boolean value = scope.variables.containsKey(identifier)
                || (scope.consequence && (identifier.equals("drools") || identifier.equals("kcontext")))
                || (scope.self != null && property(scope.self, identifier).isPresent());
        return value ? Optional.empty() : Optional.ofNullable(typeNames.get(identifier));
    }

    /** A readable property of a type: an allowed getter (as MVEL resolves it), or a declared type's field. */
    Optional<RuleType> property(RuleType owner, String property) {
        if (owner.isDeclared()) {
            return Optional.ofNullable(owner.declaredFields().get(property));
        }
        if (!owner.isJava() || property.isEmpty()) {
            return Optional.empty();
        }
        Optional<RuleVocabulary.Members> members = vocabulary.members(owner.javaClass());
        if (members.isEmpty()) {
            return Optional.empty();
        }
        String capitalised = Character.toUpperCase(property.charAt(0)) + property.substring(1);
        // MVEL reads `name` through getName(), isName(), or else a method name() without arguments (size, intValue)
        for (String getter : List.of("get" + capitalised, "is" + capitalised, property)) {
            if (members.get().methods().contains(getter)) {
                try {
                    Method method = owner.javaClass().getMethod(getter);
                    if (vocabulary.usable(method.getReturnType())) {
                        return Optional.of(RuleType.of(method.getReturnType()));
                    }
                } catch (NoSuchMethodException e) {
                    // not this spelling
                }
            }
        }
        return Optional.empty();
    }

    private boolean applicable(Class<?>[] parameters, List<Typed> arguments) {
        for (int i = 0; i < parameters.length; i++) {
            if (!assignable(arguments.get(i).type(), parameters[i])) {
                return false;
            }
        }
        return true;
    }

    /** Assignment conversion, roughly as Java: identity, widening, boxing and unboxing, null to any reference. */
    private static boolean assignable(RuleType argument, Class<?> parameter) {
        if (argument.kind() == RuleType.Kind.NULL) {
            return !parameter.isPrimitive();
        }
        if (!argument.isJava()) {
            return parameter == Object.class;
        }
        Class<?> from = argument.javaClass();
        if (parameter.isAssignableFrom(from)) {
            return true;
        }
        Class<?> unboxedFrom = argument.unboxed();
        Class<?> unboxedTo = RuleVocabulary.UNBOXED.getOrDefault(parameter, parameter);
        if (unboxedFrom == unboxedTo) {
            return true;
        }
        List<Class<?>> widening = List.of(byte.class, short.class, char.class, int.class, long.class, float.class, double.class);
        int f = widening.indexOf(unboxedFrom);
        int t = widening.indexOf(unboxedTo);
        return f >= 0 && t >= 0 && f <= t && parameter.isPrimitive() && !(unboxedFrom == char.class && t < 3);
    }

    /** Whether a text is one literal value: a string in double quotes without escapes, a number (signed), a boolean. */
    static boolean isLiteral(String text) {
        ParseResult<Expression> parsed = newParser().parseExpression(text);
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            return false;
        }
        Expression expression = parsed.getResult().get();
        if (expression instanceof UnaryExpr signed && signed.getOperator() == UnaryExpr.Operator.MINUS) {
            expression = signed.getExpression();
            return expression instanceof IntegerLiteralExpr || expression instanceof LongLiteralExpr
                    || expression instanceof DoubleLiteralExpr;
        }
        // MVEL evaluates annotation values while Drools compiles: no escapes, which MVEL would read its own way
        return (expression instanceof StringLiteralExpr string && string.getValue().indexOf('\\') < 0)
                || expression instanceof IntegerLiteralExpr || expression instanceof LongLiteralExpr
                || expression instanceof DoubleLiteralExpr || expression instanceof BooleanLiteralExpr;
    }

    private static Typed leaf(Class<?> type) {
        return new Typed(RuleType.of(type), 1);
    }

    private static String describe(Node node) {
        String kind = node.getClass().getSimpleName().replaceAll("(Expr|Stmt)$", "");
        return kind.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase() + " `" + source(node) + "`";
    }

    /** The node's source text, abbreviated; read from its tokens, as printing a deep tree would recurse. */
    private static String source(Node node) {
        StringBuilder text = new StringBuilder();
        node.getTokenRange().ifPresent(range -> {
            for (var token : range) {
                if (text.length() > 100) {
                    break;
                }
                text.append(token.getText());
            }
        });
        return abbreviate(text.toString());
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
    }

    private static int line(Node node) {
        return node == null ? 1 : node.getBegin().map(p -> p.line).orElse(1);
    }

    private static String problems(ParseResult<?> parsed) {
        return parsed.getProblems().isEmpty() ? "it does not parse" : abbreviate(parsed.getProblems().get(0).getVerboseMessage());
    }

    private Refusal refuse(Node node, String message) {
        return new Refusal(node, message);
    }

    private void report(int line, Refusal refusal) {
        report(line, refusal.getMessage());
    }

    private void report(int line, String message) {
        errors.add(new CompilationMessage(file, null, line, CompilationMessage.Severity.ERROR, message));
    }
}
