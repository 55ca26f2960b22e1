package io.arbiter.engine;

import java.time.Duration;
import java.time.chrono.ChronoPeriod;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.feel.lang.types.impl.ComparablePeriod;

/**
 * Converts FEEL values to what JSON can carry: numbers stay {@link java.math.BigDecimal} (no precision lost),
 * dates, times and durations become ISO 8601 strings, lists and contexts become arrays and objects.
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
        if (value instanceof ComparablePeriod period) {
            return period.asPeriod().normalized().toString();
        }
        if (value instanceof Duration duration) {
            return daysAndTime(duration);
        }
        if (value instanceof ChronoPeriod || value instanceof TemporalAccessor) {
            return value.toString();
        }
        return String.valueOf(value);
    }

    /** A days-and-time duration the way FEEL writes it: {@code P2DT12H}, not Java's {@code PT60H}. */
    static String daysAndTime(Duration duration) {
        if (duration.isZero()) {
            return "PT0S";
        }
        Duration abs = duration.abs();
        long days = abs.toDays();
        long hours = abs.toHoursPart();
        long minutes = abs.toMinutesPart();
        long seconds = abs.toSecondsPart();
        int nanos = abs.toNanosPart();
        StringBuilder text = new StringBuilder(duration.isNegative() ? "-P" : "P");
        if (days > 0) {
            text.append(days).append('D');
        }
        if (hours > 0 || minutes > 0 || seconds > 0 || nanos > 0) {
            text.append('T');
            if (hours > 0) {
                text.append(hours).append('H');
            }
            if (minutes > 0) {
                text.append(minutes).append('M');
            }
            if (seconds > 0 || nanos > 0) {
                text.append(java.math.BigDecimal.valueOf(seconds).add(java.math.BigDecimal.valueOf(nanos, 9))
                        .stripTrailingZeros().toPlainString()).append('S');
            }
        }
        return text.toString();
    }
}
