package io.arbiter.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.runtime.KieSession;

/**
 * Bounds the facts rules put into a session. The publication gate bounds what one consequence computes, but rules
 * can feed each other: a rule that matches an action and inserts one whose reason is the old one twice doubles it
 * on every firing, and thirty firings fill the heap long before the firing cap or a time budget stops them. So every
 * fact inserted or updated is measured: a text over {@value #MAX_TEXT} characters or a number over
 * {@value #MAX_DIGITS} digits (or of such a scale) halts the session, and the decision fails naming the rule. What
 * the largest legitimate fact holds (an action's reason, a score) is far below either bound.
 */
final class FactSizeGuard extends DefaultRuleRuntimeEventListener {

    static final int MAX_TEXT = 10_000;
    static final int MAX_DIGITS = 1_000;

    /** The String and BigDecimal fields of each fact class, found once per class. */
    private static final ClassValue<List<Field>> MEASURED_FIELDS = new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (!Modifier.isStatic(field.getModifiers())
                            && (field.getType() == String.class || field.getType() == BigDecimal.class)) {
                        field.setAccessible(true);
                        fields.add(field);
                    }
                }
            }
            return List.copyOf(fields);
        }
    };

    private final KieSession session;
    /** Why the session was halted; null while every fact is within bounds. */
    private String violation;

    FactSizeGuard(KieSession session) {
        this.session = session;
    }

    String violation() {
        return violation;
    }

    @Override
    public void objectInserted(ObjectInsertedEvent event) {
        measure(event.getObject(), event.getRule() == null ? null : event.getRule().getName());
    }

    @Override
    public void objectUpdated(ObjectUpdatedEvent event) {
        measure(event.getObject(), event.getRule() == null ? null : event.getRule().getName());
    }

    private void measure(Object fact, String rule) {
        if (violation != null || fact == null) {
            return;
        }
        for (Field field : MEASURED_FIELDS.get(fact.getClass())) {
            Object value;
            try {
                value = field.get(fact);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + field, e);
            }
            String problem = null;
            if (value instanceof String text && text.length() > MAX_TEXT) {
                problem = text.length() + " characters (at most " + MAX_TEXT + ")";
            } else if (value instanceof BigDecimal number
                    && (number.precision() > MAX_DIGITS || Math.abs((long) number.scale()) > MAX_DIGITS)) {
                problem = "a number of " + number.precision() + " digits and scale " + number.scale()
                        + " (at most " + MAX_DIGITS + ")";
            }
            if (problem != null) {
                violation = (rule == null ? "a rule" : "rule '" + rule + "'") + " built a "
                        + fact.getClass().getSimpleName() + " whose " + field.getName() + " has " + problem
                        + "; rules that feed on their own results must not grow them without end";
                session.halt();
                return;
            }
        }
    }
}
