package io.arbiter.engine;

import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kie.dmn.api.core.DMNContext;

/**
 * Converts FEEL values to what JSON can carry: numbers stay {@link java.math.BigDecimal} (no precision lost),
 * dates, times and durations become strings in XML Schema lexical forms as FEEL's {@code string()} writes them
 * ({@link FeelTemporals}), lists and contexts become arrays and objects.
 */
public final class FeelValues {

    private FeelValues() {
    }

    public static Object toJson(Object value) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof DMNContext context) {
            return toJson(context.getAll());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> object = new LinkedHashMap<>();
            map.forEach((k, v) -> object.put(String.valueOf(k), toJson(v)));
            return object;
        }
        if (value instanceof Collection<?> collection) {
            List<Object> array = new ArrayList<>(collection.size());
            collection.forEach(v -> array.add(toJson(v)));
            return array;
        }
        if (value instanceof TemporalAccessor || value instanceof TemporalAmount) {
            return FeelTemporals.lexicalForm(value);
        }
        return String.valueOf(value);
    }
}
