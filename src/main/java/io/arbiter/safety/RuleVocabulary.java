package io.arbiter.safety;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.kie.api.definition.rule.Rule;

import io.arbiter.engine.alerts.Alert;
import io.arbiter.engine.alerts.AlertLevel;
import io.arbiter.engine.alerts.OutcomeChange;
import io.arbiter.engine.rules.Action;
import io.arbiter.engine.rules.ActionChannel;
import io.arbiter.engine.rules.ActionType;
import io.arbiter.engine.rules.Assessment;
import io.arbiter.engine.rules.Customer;

/**
 * The allow-list of DRL: the only types a rule may name, and for each the only constructors, methods and constants
 * it may use. Everything else is refused, whatever it is called. There is one vocabulary per kind of rule file, and
 * a file is checked against the one its role gives it: {@link #DECISIONS} (the customer and the assessment, actions
 * created) and {@link #ALERTS} (an outcome change, alerts created). Both share the value types; neither may name
 * the other's fact types. The fact types may be read through their getters and the one created type made; the
 * value types offer pure methods whose cost is bounded by their inputs (no {@code pow}, {@code repeat},
 * {@code format}, nothing that allocates in proportion to an argument's value, unless that argument must be a small
 * literal: see {@link #SMALL_INT_ARGUMENTS}). Every allowed method returns an allowed type, so no chain of calls leads
 * outside.
 */
public final class RuleVocabulary {

    static final Map<Class<?>, Class<?>> UNBOXED = Map.of(Integer.class, int.class, Long.class, long.class,
            Double.class, double.class, Boolean.class, boolean.class, Character.class, char.class, Short.class,
            short.class, Byte.class, byte.class, Float.class, float.class);

    /** What a rule may do with one type. */
    record Members(Set<String> methods, Set<String> staticMethods, Set<String> staticFields, Set<Integer> constructorArities) {
        Members {
            methods = new TreeSet<>(methods);
            staticMethods = new TreeSet<>(staticMethods);
            staticFields = new TreeSet<>(staticFields);
            constructorArities = Set.copyOf(constructorArities);
        }
    }

    /**
     * Methods whose int argument sizes what they allocate (a scale is a number of digits): it must be a literal in
     * 0..{@value #MAX_LITERAL_SCALE}. Keyed by type, method, arity; the value is the argument's index.
     */
    static final Map<String, Integer> SMALL_INT_ARGUMENTS = Map.of(
            "BigDecimal.setScale/2", 0,
            "BigDecimal.setScale/1", 0,
            "BigDecimal.divide/3", 1,
            "BigDecimal.valueOf/2", 1);
    static final int MAX_LITERAL_SCALE = 64;

    /** Methods every allowed type has. */
    private static final Set<String> UNIVERSAL = Set.of("equals", "hashCode", "toString");

    private static final Map<Class<?>, Members> VALUE_TYPES = valueTypes();
    /** Java's {@code java.lang} types a rule may name without an import. */
    private static final Map<String, Class<?>> IMPLICIT = Map.of("String", String.class, "Math", Math.class,
            "Integer", Integer.class, "Long", Long.class, "Double", Double.class, "Boolean", Boolean.class,
            "Number", Number.class);

    // after the value types and the implicit names, which the constructor reads
    /** Decision rules: a Customer and an Assessment in, Actions out. */
    public static final RuleVocabulary DECISIONS = new RuleVocabulary(List.of(Customer.class, Assessment.class,
            Action.class, ActionType.class, ActionChannel.class), Action.class);

    /** Alert rules: an OutcomeChange in, Alerts out. */
    public static final RuleVocabulary ALERTS = new RuleVocabulary(List.of(OutcomeChange.class, Alert.class,
            AlertLevel.class), Alert.class);

    /** The types rule facts are made of, imported one by one or from their package. */
    private final List<Class<?>> factTypes;
    private final String factPackage;
    private final Map<Class<?>, Members> allowed;

    /**
     * @param factTypes the fact types, all of one package that holds nothing else a rule may see
     * @param created   the one fact type rules may construct (what they conclude)
     */
    private RuleVocabulary(List<Class<?>> factTypes, Class<?> created) {
        this.factTypes = List.copyOf(factTypes);
        this.factPackage = factTypes.get(0).getPackageName();
        Map<Class<?>, Members> all = new HashMap<>(VALUE_TYPES);
        for (Class<?> fact : factTypes) {
            if (!fact.getPackageName().equals(factPackage)) {
                throw new IllegalArgumentException(fact + " is not in " + factPackage);
            }
            all.put(fact, factMembers(fact, fact == created));
        }
        this.allowed = Map.copyOf(all);
    }

    List<Class<?>> factTypes() {
        return factTypes;
    }

    String factPackage() {
        return factPackage;
    }

    /** The fact types' simple names, for messages. */
    String factNames() {
        return String.join(", ", factTypes.stream().map(Class::getSimpleName).toList());
    }

    /** The types an import may name, by fully qualified name: every allowed type that is not implicit. */
    Map<String, Class<?>> importable() {
        Map<String, Class<?>> importable = new LinkedHashMap<>();
        allowed.keySet().stream().filter(t -> !IMPLICIT.containsValue(t) && t != Rule.class)
                .sorted(java.util.Comparator.comparing(Class::getName))
                .forEach(t -> importable.put(t.getName(), t));
        return importable;
    }

    static Map<String, Class<?>> implicit() {
        return IMPLICIT;
    }

    Optional<Members> members(Class<?> type) {
        return Optional.ofNullable(allowed.get(type));
    }

    /** Whether a value of this type may exist in a rule: an allowed type, a primitive, or their boxes. */
    boolean usable(Class<?> type) {
        return type.isPrimitive() || allowed.containsKey(type) || UNBOXED.containsKey(type);
    }

    boolean isFact(Class<?> type) {
        return factTypes.contains(type);
    }

    /** The names of the types a rule may use, for messages. */
    String describe() {
        Set<String> names = new TreeSet<>(IMPLICIT.keySet());
        importable().values().forEach(t -> names.add(t.getSimpleName()));
        return String.join(", ", names);
    }

    private static Map<Class<?>, Members> valueTypes() {
        Map<Class<?>, Members> allowed = new HashMap<>();
        allowed.put(String.class, new Members(Set.of("length", "isEmpty", "isBlank", "charAt", "startsWith",
                "endsWith", "contains", "equalsIgnoreCase", "compareTo", "compareToIgnoreCase", "indexOf",
                "lastIndexOf", "substring", "toUpperCase", "toLowerCase", "trim", "strip", "concat"),
                Set.of("valueOf"), Set.of(), Set.of()));
        for (Class<?> box : List.of(Integer.class, Long.class, Double.class)) {
            allowed.put(box, new Members(Set.of("intValue", "longValue", "doubleValue", "compareTo"),
                    Set.of("valueOf", "compare"), Set.of("MAX_VALUE", "MIN_VALUE"), Set.of()));
        }
        allowed.put(Boolean.class, new Members(Set.of("booleanValue", "compareTo"), Set.of("valueOf"),
                Set.of("TRUE", "FALSE"), Set.of()));
        allowed.put(Number.class, new Members(Set.of("intValue", "longValue", "doubleValue"), Set.of(), Set.of(), Set.of()));
        allowed.put(Math.class, new Members(Set.of(), Set.of("abs", "max", "min", "round", "floor", "ceil", "signum"),
                Set.of(), Set.of()));
        allowed.put(BigDecimal.class, new Members(Set.of("add", "subtract", "multiply", "divide", "remainder",
                "negate", "abs", "plus", "signum", "compareTo", "min", "max", "intValue", "longValue", "doubleValue",
                "stripTrailingZeros", "precision", "scale", "setScale", "toPlainString"),
                Set.of("valueOf"), Set.of("ZERO", "ONE", "TEN"), Set.of(1)));
        allowed.put(RoundingMode.class, new Members(Set.of("name"), Set.of(), enumConstants(RoundingMode.class), Set.of()));
        allowed.put(LocalDate.class, new Members(Set.of("getYear", "getMonthValue", "getDayOfMonth", "getDayOfYear",
                "lengthOfMonth", "lengthOfYear", "isLeapYear", "isBefore", "isAfter", "isEqual", "plusDays",
                "plusWeeks", "plusMonths", "plusYears", "minusDays", "minusWeeks", "minusMonths", "minusYears",
                "compareTo"), Set.of("of"), Set.of(), Set.of()));
        allowed.put(Period.class, new Members(Set.of("getYears", "getMonths", "getDays", "toTotalMonths",
                "isNegative", "isZero"), Set.of("between", "ofDays", "ofMonths", "ofYears"), Set.of("ZERO"), Set.of()));
        allowed.put(ChronoUnit.class, new Members(Set.of("between", "name"), Set.of(),
                Set.of("DAYS", "WEEKS", "MONTHS", "YEARS"), Set.of()));
        // what collect() and the collectList/collectSet accumulate functions give
        for (Class<?> collection : List.of(Collection.class, List.class, Set.class)) {
            allowed.put(collection, new Members(Set.of("size", "isEmpty", "contains"), Set.of(), Set.of(), Set.of()));
        }
        // drools.getRule() / kcontext.getRule(): the firing rule's name, e.g. to copy into an action's reason
        allowed.put(Rule.class, new Members(Set.of("getName", "getPackageName"), Set.of(), Set.of(), Set.of()));
        return Map.copyOf(allowed);
    }

    /** A fact type's getters (and, for an enum, its constants and name); the created type's constructor. */
    private static Members factMembers(Class<?> fact, boolean created) {
        Set<String> getters = Arrays.stream(fact.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() == 0 && (m.getName().startsWith("get") || m.getName().startsWith("is")))
                .map(Method::getName)
                .collect(Collectors.toSet());
        if (fact.isEnum()) {
            getters.add("name");
            return new Members(getters, Set.of(), enumConstants(fact), Set.of());
        }
        Set<Integer> constructors = created
                ? Arrays.stream(fact.getConstructors()).map(c -> c.getParameterCount()).collect(Collectors.toSet())
                : Set.of();
        return new Members(getters, Set.of(), Set.of(), constructors);
    }

    private static Set<String> enumConstants(Class<?> type) {
        return Arrays.stream(type.getFields()).filter(Field::isEnumConstant).map(Field::getName).collect(Collectors.toSet());
    }

    static boolean universal(String method) {
        return UNIVERSAL.contains(method);
    }
}
