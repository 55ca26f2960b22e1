package io.arbiter.safety;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The static type of a rule expression as the checks see it: a Java class of {@link RuleVocabulary}, a type the DRL
 * file declares itself, the {@code null} literal, or the engine's {@code drools}/{@code kcontext} helper. The checks
 * resolve the type of every expression, and what they cannot type they refuse.
 */
record RuleType(String name, Class<?> javaClass, Map<String, RuleType> declaredFields, Kind kind) {

    enum Kind { JAVA, DECLARED, NULL, RULE_CONTEXT }

    static final RuleType NULL = new RuleType("null", null, Map.of(), Kind.NULL);
    static final RuleType RULE_CONTEXT = new RuleType("drools", null, Map.of(), Kind.RULE_CONTEXT);

    static RuleType of(Class<?> type) {
        return new RuleType(type.getSimpleName(), type, Map.of(), Kind.JAVA);
    }

    static RuleType declared(String name, Map<String, RuleType> fields) {
        return new RuleType(name, null, Map.copyOf(fields), Kind.DECLARED);
    }

    boolean isJava() {
        return kind == Kind.JAVA;
    }

    boolean isDeclared() {
        return kind == Kind.DECLARED;
    }

    boolean is(Class<?> type) {
        return javaClass == type;
    }

    boolean isPrimitive() {
        return javaClass != null && javaClass.isPrimitive();
    }

    /** A number the operators work on: a primitive number, its box, or (in MVEL constraints) a BigDecimal. */
    boolean isNumeric() {
        Class<?> c = unboxed();
        return c != null && ((c.isPrimitive() && c != boolean.class && c != void.class) || c == BigDecimal.class
                || Number.class.isAssignableFrom(c));
    }

    boolean isBoolean() {
        return unboxed() == boolean.class;
    }

    /** The primitive of a boxed type, else the class itself. */
    Class<?> unboxed() {
        if (javaClass == null) {
            return null;
        }
        Class<?> primitive = RuleVocabulary.UNBOXED.get(javaClass);
        return primitive != null ? primitive : javaClass;
    }

    @Override
    public String toString() {
        return name;
    }
}
