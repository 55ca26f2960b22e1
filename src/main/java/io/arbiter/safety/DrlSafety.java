package io.arbiter.safety;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.AtomicExprDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.BindingDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConstraintConnectiveDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RelationalExprDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.parser.DrlExprParser;
import org.drools.drl.parser.DrlExprParserFactory;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.ParserError;
import org.kie.internal.builder.conf.LanguageLevelOption;

import io.arbiter.bundle.CompilationMessage;

/**
 * A DRL file is code that runs inside every node. It is parsed with Drools' own parser, and the resulting tree is
 * what Drools compiles ({@link Checked#descr}): what was checked is what runs. Every part of the tree is checked
 * against an allow-list: imports of the rule fact and value types only; no functions, globals, queries with code,
 * entry points, windows, units, enum or trait declarations; type declarations of value fields only; rule
 * attributes from a short list with literal values; annotations with literal values (Drools evaluates them with
 * MVEL while compiling); patterns of allowed or declared types; constraint operands, {@code eval}, {@code from}
 * and accumulate arguments and consequences through {@link RuleExpressions}. A file with a unicode escape is
 * refused before parsing ({@link UnicodeEscapes}). Every refusal names the file, the line and the construct.
 */
public final class DrlSafety {

    /** The parsed file and what is wrong with it; the tree is compiled only when nothing is. */
    public record Checked(PackageDescr descr, List<CompilationMessage> errors) {
        public boolean accepted() {
            return errors.isEmpty();
        }
    }

    private static final Pattern PACKAGE_NAME = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");
    /** The package of published rules: no class of the service or of a library lives there. */
    private static final String RULES_PACKAGE = "io.arbiter.rules";
    /** Names of fields and variables: lower case first, so that none is also a class name (MVEL prefers classes). */
    private static final Pattern VALUE_NAME = Pattern.compile("\\$?[a-z_][A-Za-z0-9_$]*|\\$[A-Za-z0-9_$]+");
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "min", "max", "average",
            "collectList", "collectSet");
    /**
     * Not {@code str[..]}: Drools 10.2 compiles it, but its JIT-compiled form fails with a NoSuchMethodError after
     * the first evaluations; {@code customerId.startsWith("c-")} does the same. Not {@code matches}: a regular
     * expression written by a rule can take exponential time on a fact.
     */
    private static final Set<String> RELATIONAL_OPERATORS = Set.of("==", "!=", "<", "<=", ">", ">=", "contains",
            "memberOf");
    private static final Set<String> FLAG_ATTRIBUTES = Set.of("no-loop", "lock-on-active", "auto-focus", "enabled");
    private static final Set<String> TEXT_ATTRIBUTES = Set.of("agenda-group", "activation-group", "ruleflow-group",
            "date-effective", "date-expires");

    private DrlSafety() {
    }

    /** Checks a file of decision rules. */
    public static Checked check(String file, String drl) {
        return check(file, drl, RuleVocabulary.DECISIONS);
    }

    /** Checks a file against the vocabulary of its role: decision rules or alert rules. */
    public static Checked check(String file, String drl, RuleVocabulary vocabulary) {
        List<CompilationMessage> errors = new ArrayList<>();
        for (UnicodeEscapes.Escape escape : UnicodeEscapes.find(drl)) {
            errors.add(error(file, lineOf(drl, escape.offset()), "the unicode escape " + escape.text()
                    + " is not allowed: the Java compiler decodes it before anything else, so it could turn a comment"
                    + " or a string into code; write the character itself (files are UTF-8)"));
        }
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        DrlParser parser = new DrlParser(LanguageLevelOption.DRL6);
        PackageDescr descr;
        try {
            descr = parser.parse(false, drl);
        } catch (DroolsParserException | RuntimeException e) {
            errors.add(CompilationMessage.error(file, "the DRL does not parse: " + e.getMessage()));
            return new Checked(null, errors);
        }
        for (DroolsError problem : parser.getErrors()) {
            int[] lines = problem.getLines();
            errors.add(error(file, lines.length > 0 && lines[0] > 0 ? lines[0] : null,
                    problem instanceof ParserError parse ? parse.getMessage() : problem.getMessage()));
        }
        if (descr == null && errors.isEmpty()) {
            errors.add(CompilationMessage.error(file, "the DRL does not parse"));
        }
        if (!errors.isEmpty()) {
            return new Checked(null, errors);
        }
        new FileCheck(file, drl, descr, vocabulary, errors).run();
        return new Checked(errors.isEmpty() ? descr : null, List.copyOf(errors));
    }

    /** The checks of one parsed file. */
    private static final class FileCheck {
        private final String file;
        private final String drl;
        private final PackageDescr pkg;
        private final List<CompilationMessage> errors;
        private final Map<String, RuleType> typeNames = new HashMap<>();
        private final RuleExpressions expressions;
        private final RuleVocabulary vocabulary;

        FileCheck(String file, String drl, PackageDescr pkg, RuleVocabulary vocabulary, List<CompilationMessage> errors) {
            this.file = file;
            this.drl = drl;
            this.pkg = pkg;
            this.vocabulary = vocabulary;
            this.errors = errors;
            this.expressions = new RuleExpressions(file, typeNames, vocabulary, errors);
        }

        void run() {
            packageName();
            RuleVocabulary.implicit().forEach((name, type) -> typeNames.put(name, RuleType.of(type)));
            imports();
            refuseAll(pkg.getFunctions(), "a function", "DRL functions are plain Java with loops, reflection and"
                    + " I/O; write the logic in rules");
            refuseAll(pkg.getGlobals(), "a global", "globals are objects the service would have to provide; rules"
                    + " read facts only");
            refuseAll(pkg.getFunctionImports(), "import static (or import function)", "it makes any static method"
                    + " callable by its bare name");
            refuseAll(pkg.getAccumulateImports(), "an import accumulate", "custom accumulate functions are Java classes");
            refuseAll(pkg.getEnumDeclarations(), "an enum declaration", "enum constants are built by generated Java"
                    + " code; use strings or the rule enums");
            refuseAll(List.copyOf(pkg.getEntryPointDeclarations()), "an entry point", "facts come only from the"
                    + " decision pipeline");
            refuseAll(List.copyOf(pkg.getWindowDeclarations()), "a window", "windows are for event streams");
            if (pkg.getUnit() != null) {
                refuse(pkg.getUnit(), "rule units are not supported");
            }
            for (AttributeDescr attribute : pkg.getAttributes()) {
                attribute(attribute);
            }
            declarations();
            for (RuleDescr rule : pkg.getRules()) {
                rule(rule);
            }
        }

        /**
         * Rules live in io.arbiter.rules or below, a package no library shares: in a package of their own choosing,
         * a library's class of the same simple name (an Action, a Math) would hide the type the checks resolved.
         */
        private void packageName() {
            String name = pkg.getName();
            if (name == null || name.isEmpty()) {
                return;
            }
            if (!PACKAGE_NAME.matcher(name).matches() || !(name.equals(RULES_PACKAGE) || name.startsWith(RULES_PACKAGE + "."))) {
                refuse(pkg, "package " + name + " is not allowed: rules are in " + RULES_PACKAGE + " or a package"
                        + " below it, in lower case (e.g. " + RULES_PACKAGE + ".retention)");
            }
        }

        private void imports() {
            Map<String, Class<?>> importable = vocabulary.importable();
            for (ImportDescr anImport : pkg.getImports()) {
                String target = anImport.getTarget();
                if (target.equals(vocabulary.factPackage() + ".*")) {
                    vocabulary.factTypes().forEach(t -> typeNames.put(t.getSimpleName(), RuleType.of(t)));
                } else if (importable.containsKey(target)) {
                    Class<?> type = importable.get(target);
                    typeNames.put(type.getSimpleName(), RuleType.of(type));
                } else {
                    refuse(anImport, "import " + target + " is not allowed: rules may import "
                            + String.join(", ", importable.keySet()) + " and " + vocabulary.factPackage() + ".*");
                }
            }
        }

        /** Declared types: value fields only, no initialisers (generated Java) and no annotations but key/position. */
        private void declarations() {
            Map<String, TypeDeclarationDescr> declared = new LinkedHashMap<>();
            for (TypeDeclarationDescr declaration : pkg.getTypeDeclarations()) {
                String name = declaration.getTypeName();
                if (!SIMPLE_NAME.matcher(name).matches() || typeNames.containsKey(name) || declared.containsKey(name)) {
                    refuse(declaration, "declare " + name + " is not allowed: declare a new type with a simple name"
                            + " that is not one of the rule or value types");
                } else if (declaration.isTrait() || !declaration.getSuperTypes().isEmpty()) {
                    refuse(declaration, "declare " + name + ": traits and supertypes are not allowed");
                } else if (!declaration.getAnnotationNames().isEmpty()) {
                    refuse(declaration, "declare " + name + ": annotations on a type (" + declaration.getAnnotationNames()
                            + ") are not allowed");
                } else {
                    declared.put(name, declaration);
                }
            }
            // a declared type may use another one, so every name is known before any field is resolved
            Map<String, Map<String, RuleType>> fields = new LinkedHashMap<>();
            declared.forEach((name, declaration) -> {
                Map<String, RuleType> own = new LinkedHashMap<>();
                fields.put(name, own);
                typeNames.put(name, RuleType.declared(name, own));
            });
            declared.forEach((name, declaration) -> {
                Map<String, RuleType> own = fields.get(name);
                for (TypeFieldDescr field : declaration.getFields().values()) {
                    RuleType type = fieldType(declaration, field, typeNames);
                    if (type != null) {
                        own.put(field.getFieldName(), type);
                    }
                }
                typeNames.put(name, RuleType.declared(name, own));
            });
            // fields of a declared type point to the final records of the types they name
            declared.keySet().forEach(name -> typeNames.put(name, RuleType.declared(name, resolved(fields.get(name)))));
        }

        private Map<String, RuleType> resolved(Map<String, RuleType> fields) {
            Map<String, RuleType> result = new LinkedHashMap<>();
            fields.forEach((field, type) -> result.put(field, type.isDeclared() ? typeNames.get(type.name()) : type));
            return result;
        }

        private RuleType fieldType(TypeDeclarationDescr declaration, TypeFieldDescr field, Map<String, RuleType> names) {
            String where = "field " + field.getFieldName() + " of " + declaration.getTypeName();
            if (!VALUE_NAME.matcher(field.getFieldName()).matches()) {
                refuse(field, where + ": field names start with a lower-case letter (MVEL would read a capitalised"
                        + " one as a class)");
                return null;
            }
            if (field.getInitExpr() != null) {
                refuse(field, where + ": initial values are Java code and are not allowed");
                return null;
            }
            for (AnnotationDescr annotation : field.getAnnotations()) {
                if (!annotation.getName().equals("key") && !annotation.getName().equals("position")) {
                    refuse(field, where + ": the annotation @" + annotation.getName() + " is not allowed (only @key"
                            + " and @position)");
                    return null;
                }
                literalValues(field, annotation);
            }
            String typeName = field.getPattern().getObjectType();
            RuleType type = valueType(typeName, names);
            if (type == null) {
                refuse(field, where + ": " + typeName + " is not a type a field may have (primitives, String,"
                        + " BigDecimal, LocalDate, boxed numbers, the rule enums and declared types)");
            }
            return type;
        }

        private RuleType valueType(String name, Map<String, RuleType> names) {
            switch (name) {
                case "int": return RuleType.of(int.class);
                case "long": return RuleType.of(long.class);
                case "double": return RuleType.of(double.class);
                case "boolean": return RuleType.of(boolean.class);
                default:
                    RuleType type = names.get(name);
                    boolean value = type != null && (type.isDeclared() || (type.isJava()
                            && !java.util.Collection.class.isAssignableFrom(type.javaClass())
                            && type.javaClass() != Math.class));
                    return value ? type : null;
            }
        }

        private void rule(RuleDescr rule) {
            String what = (rule instanceof QueryDescr ? "query \"" : "rule \"") + rule.getName() + "\"";
            expressions.startRule();
            for (AnnotationDescr annotation : rule.getAnnotations()) {
                if (!SIMPLE_NAME.matcher(annotation.getName()).matches()) {
                    refuse(rule, what + ": the annotation @" + annotation.getName() + " is not allowed");
                } else {
                    literalValues(rule, annotation);
                }
            }
            rule.getAttributes().values().forEach(this::attribute);
            if (!rule.getNamedConsequences().isEmpty()) {
                refuse(rule, what + ": named consequences (then[..], do[..]) are not allowed");
            }
            Map<String, RuleType> bound = new LinkedHashMap<>();
            if (rule instanceof QueryDescr query) {
                for (int i = 0; i < query.getParameters().length; i++) {
                    RuleType type = valueType(query.getParameterTypes()[i], typeNames);
                    if (type == null) {
                        refuse(rule, what + ": parameter type " + query.getParameterTypes()[i] + " is not allowed");
                    } else {
                        bind(bound, query.getParameters()[i], type, rule);
                    }
                }
            }
            conditions(rule.getLhs(), bound);
            if (!(rule instanceof QueryDescr) && rule.getConsequence() != null) {
                String consequence = rule.getConsequence().toString();
                expressions.consequence(consequence, consequenceLine(rule, consequence),
                        RuleExpressions.Scope.consequence(bound));
            }
            // each firing runs the whole rule between two of the engine's checkpoints: its work must be bounded
            if (expressions.ruleSize() > RuleExpressions.MAX_RULE_SIZE) {
                refuse(rule, what + " has " + expressions.ruleSize() + " terms in all once its local variables are"
                        + " substituted; at most " + RuleExpressions.MAX_RULE_SIZE + ": split it");
            }
        }

        /** Annotation values are evaluated with MVEL when Drools compiles the rule: literals only. */
        private void literalValues(BaseDescr owner, AnnotationDescr annotation) {
            for (Object value : annotation.getValueMap().values()) {
                String text = String.valueOf(value).strip();
                if (!RuleExpressions.isLiteral(text)) {
                    refuse(owner, "the value of @" + annotation.getName() + " must be a literal (a string in double"
                            + " quotes, a number, true or false), not `" + text + "`: Drools evaluates it while compiling");
                }
            }
        }

        private void attribute(AttributeDescr attribute) {
            String name = attribute.getName();
            String value = attribute.getValue() == null ? "" : attribute.getValue().strip();
            if (name.equals("salience")) {
                if (!value.matches("-?\\d{1,9}")) {
                    refuse(attribute, "salience must be a whole number written in the rule, not `" + value
                            + "`: an expression would be evaluated at run time");
                }
            } else if (name.equals("dialect")) {
                if (!value.equals("java")) {
                    refuse(attribute, "dialect \"" + value + "\" is not allowed: rules are written in the java dialect"
                            + " (MVEL consequences are interpreted code the checks do not cover)");
                }
            } else if (FLAG_ATTRIBUTES.contains(name)) {
                if (!value.isEmpty() && !value.equals("true") && !value.equals("false")) {
                    refuse(attribute, name + " must be true or false, not `" + value + "`");
                }
            } else if (!TEXT_ATTRIBUTES.contains(name)) {
                refuse(attribute, "the attribute " + name + " is not allowed (allowed: salience, no-loop,"
                        + " lock-on-active, auto-focus, enabled, agenda-group, activation-group, ruleflow-group,"
                        + " date-effective, date-expires, dialect \"java\")");
            }
        }

        /** Conditional elements; bindings made by earlier ones are visible to later ones. */
        private void conditions(BaseDescr element, Map<String, RuleType> bound) {
            if (element instanceof AndDescr and) {
                and.getDescrs().forEach(child -> conditions(child, bound));
            } else if (element instanceof OrDescr or) {
                or.getDescrs().forEach(child -> conditions(child, bound));
            } else if (element instanceof NotDescr || element instanceof ExistsDescr || element instanceof ForallDescr) {
                // what a negation or quantifier binds is not visible after it
                Map<String, RuleType> inner = new LinkedHashMap<>(bound);
                ((org.drools.drl.ast.descr.ConditionalElementDescr) element).getDescrs()
                        .forEach(child -> conditions((BaseDescr) child, inner));
            } else if (element instanceof EvalDescr eval) {
                expressions.expression(String.valueOf(eval.getContent()), element.getLine(),
                        RuleExpressions.Scope.expression(bound));
            } else if (element instanceof PatternDescr pattern) {
                pattern(pattern, bound);
            } else {
                refuse(element, describe(element) + " is not allowed in a rule's conditions");
            }
        }

        private void pattern(PatternDescr pattern, Map<String, RuleType> bound) {
            String typeName = pattern.getObjectType();
            RuleType type = patternType(pattern, typeName);
            if (type == null) {
                return;
            }
            if (pattern.isQuery()) {
                refuse(pattern, "calling a query from a rule is not allowed");
                return;
            }
            if (!pattern.getBehaviors().isEmpty()) {
                refuse(pattern, "sliding windows (over window:..) are not allowed");
            }
            if (!pattern.getPositionalConstraints().isEmpty()) {
                refuse(pattern, "positional constraints (`;` in a pattern) are not allowed; name the property");
            }
            source(pattern, type, bound);
            if (pattern.getIdentifier() != null) {
                bind(bound, pattern.getIdentifier(), type, pattern);
            }
            for (BaseDescr constraint : pattern.getDescrs()) {
                if (constraint instanceof ExprConstraintDescr expression) {
                    constraint(expression, type, bound);
                } else {
                    refuse(constraint, describe(constraint) + " is not allowed in a pattern");
                }
            }
        }

        private RuleType patternType(PatternDescr pattern, String typeName) {
            if (typeName == null || !SIMPLE_NAME.matcher(typeName).matches()) {
                refuse(pattern, "the pattern type " + typeName + " is not allowed: import it and use its simple name");
                return null;
            }
            RuleType type = typeNames.get(typeName);
            boolean factLike = type != null && (type.isDeclared() || (type.isJava()
                    && (vocabulary.isFact(type.javaClass()) || type.is(Number.class)
                    || java.util.Collection.class.isAssignableFrom(type.javaClass()))));
            if (!factLike) {
                refuse(pattern, "patterns may match " + vocabulary.factNames() + ", declared types, and Number or List results of"
                        + " accumulate/collect; not " + typeName);
                return null;
            }
            return type;
        }

        private void source(PatternDescr pattern, RuleType type, Map<String, RuleType> bound) {
            BaseDescr source = pattern.getSource();
            if (source == null) {
                return;
            }
            int line = pattern.getLine();
            if (source instanceof FromDescr from) {
                expressions.expression(from.getDataSource().getText(), line, RuleExpressions.Scope.expression(bound));
            } else if (source instanceof CollectDescr collect) {
                if (!type.isJava() || !java.util.Collection.class.isAssignableFrom(type.javaClass())) {
                    refuse(pattern, "collect gives a List; match it with List()");
                }
                if (collect.getInputPattern() != null) {
                    pattern(collect.getInputPattern(), new LinkedHashMap<>(bound));
                }
            } else if (source instanceof AccumulateDescr accumulate) {
                accumulate(pattern, accumulate, bound);
            } else {
                refuse(source, describe(source) + " is not allowed as a pattern source (allowed: from, collect,"
                        + " accumulate with count, sum, min, max, average, collectList, collectSet)");
            }
        }

        private void accumulate(PatternDescr pattern, AccumulateDescr accumulate, Map<String, RuleType> bound) {
            if (accumulate.getInitCode() != null || accumulate.getActionCode() != null
                    || accumulate.getReverseCode() != null || accumulate.getResultCode() != null) {
                refuse(accumulate, "accumulate with init/action/reverse/result code is Java and is not allowed; use"
                        + " the accumulate functions count, sum, min, max, average, collectList, collectSet");
                return;
            }
            Map<String, RuleType> inner = new LinkedHashMap<>(bound);
            if (accumulate.getInput() != null) {
                conditions(accumulate.getInput(), inner);
            }
            for (AccumulateDescr.AccumulateFunctionCallDescr function : accumulate.getFunctions()) {
                if (!ACCUMULATE_FUNCTIONS.contains(function.getFunction())) {
                    refuse(accumulate, "the accumulate function " + function.getFunction() + " is not allowed");
                    continue;
                }
                for (String parameter : function.getParams()) {
                    expressions.expression(parameter, accumulate.getLine(), RuleExpressions.Scope.expression(inner));
                }
                if (function.getBind() != null) {
                    bind(bound, function.getBind(), RuleType.of(function.getFunction().startsWith("collect")
                            ? java.util.Collection.class : Number.class), accumulate);
                }
            }
        }

        /** A pattern constraint, parsed by Drools' expression parser into the tree Drools compiles. */
        private void constraint(ExprConstraintDescr constraint, RuleType type, Map<String, RuleType> bound) {
            DrlExprParser parser = DrlExprParserFactory.getDrlExprParser(LanguageLevelOption.DRL6);
            ConstraintConnectiveDescr tree = parser.parse(constraint.getExpression());
            if (parser.hasErrors() || tree == null) {
                refuse(constraint, "the constraint `" + constraint.getExpression() + "` does not parse: "
                        + parser.getErrors());
                return;
            }
            operands(tree, constraint, type, bound);
        }

        private void operands(BaseDescr node, ExprConstraintDescr constraint, RuleType type, Map<String, RuleType> bound) {
            int line = constraint.getLine();
            if (node instanceof ConstraintConnectiveDescr connective) {
                connective.getDescrs().forEach(child -> operands(child, constraint, type, bound));
            } else if (node instanceof RelationalExprDescr relation) {
                String operator = relation.getOperator();
                if (!RELATIONAL_OPERATORS.contains(operator)) {
                    refuse(constraint, "the operator `" + operator + "` is not allowed (allowed: "
                            + String.join(" ", RELATIONAL_OPERATORS) + ")");
                    return;
                }
                operands(relation.getLeft(), constraint, type, bound);
                operands(relation.getRight(), constraint, type, bound);
            } else if (node instanceof AtomicExprDescr atom) {
                expressions.expression(atom.getExpression(), lineWithin(constraint, atom.getExpression(), line),
                        RuleExpressions.Scope.constraint(bound, type));
            } else if (node instanceof BindingDescr binding) {
                expressions.expression(binding.getExpression(), lineWithin(constraint, binding.getExpression(), line),
                        RuleExpressions.Scope.constraint(bound, type))
                        .ifPresent(bindingType -> bind(bound, binding.getVariable(), bindingType, constraint));
            } else {
                refuse(constraint, describe(node) + " is not allowed in a constraint");
            }
        }

        /** The file line of the consequence's first line, the one that begins right after {@code then}. */
        private int consequenceLine(RuleDescr rule, String consequence) {
            int thenLine = rule.getConsequenceLine();
            String code = consequence.stripLeading();
            if (code.isEmpty()) {
                return thenLine;
            }
            int at = drl.indexOf(code.substring(0, Math.min(code.length(), 40)), offsetOfLine(drl, thenLine));
            long leadingLines = consequence.substring(0, consequence.length() - code.length()).chars()
                    .filter(c -> c == '\n').count();
            return at < 0 ? thenLine + 1 : lineOf(drl, at) - (int) leadingLines;
        }

        private int lineWithin(ExprConstraintDescr constraint, String part, int line) {
            int at = constraint.getExpression().indexOf(part.strip());
            if (at <= 0) {
                return line;
            }
            return line + (int) constraint.getExpression().substring(0, at).chars().filter(c -> c == '\n').count();
        }

        /** A variable the rule binds: its name may not be a type's, which MVEL would resolve instead. */
        private void bind(Map<String, RuleType> bound, String name, RuleType type, BaseDescr at) {
            if (!VALUE_NAME.matcher(name).matches() || typeNames.containsKey(name)) {
                refuse(at, "the variable name " + name + " is not allowed: variables start with $ or a lower-case"
                        + " letter and are not named like a type");
                return;
            }
            bound.put(name, type);
        }

        private void refuseAll(java.util.Collection<? extends BaseDescr> descrs, String what, String why) {
            for (BaseDescr descr : descrs) {
                refuse(descr, what + " is not allowed: " + why);
            }
        }

        private void refuse(BaseDescr at, String message) {
            errors.add(error(file, at == null || at.getLine() <= 0 ? null : at.getLine(), message));
        }
    }

    private static String describe(BaseDescr descr) {
        return descr.getClass().getSimpleName().replace("Descr", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }

    private static CompilationMessage error(String file, Integer line, String text) {
        return new CompilationMessage(file, null, line, CompilationMessage.Severity.ERROR, text);
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int offsetOfLine(String text, int line) {
        int offset = 0;
        for (int current = 1; current < line && offset >= 0; current++) {
            offset = text.indexOf('\n', offset);
            offset = offset < 0 ? -1 : offset + 1;
        }
        return Math.max(offset, 0);
    }
}
