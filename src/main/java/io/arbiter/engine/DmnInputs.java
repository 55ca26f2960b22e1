package io.arbiter.engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNType;
import org.kie.dmn.api.core.ast.InputDataNode;
import org.kie.dmn.feel.runtime.functions.DateAndTimeFunction;
import org.kie.dmn.feel.runtime.functions.DateFunction;
import org.kie.dmn.feel.runtime.functions.DurationFunction;
import org.kie.dmn.feel.runtime.functions.FEELFnResult;
import org.kie.dmn.feel.runtime.functions.TimeFunction;

import com.fasterxml.jackson.databind.JsonNode;

import io.arbiter.input.FieldError;

/**
 * Turns JSON input data into FEEL values, guided by each input's DMN type: numbers become BigDecimal with every
 * digit kept, ISO 8601 strings become dates, times, date-times and durations where the type says so (parsed by
 * FEEL's own built-in functions), arrays become lists and objects contexts, converted field by field. Where the
 * model gives an input no type, a FEEL temporal at-literal string ({@code "@\"2021-01-01\""}) says which it is.
 */
public final class DmnInputs {

    /** Base-type chains are short; the bound only guards against a type that names itself as its base. */
    private static final int MAX_TYPE_DEPTH = 32;

    private DmnInputs() {
    }

    /** The model's input data from {@code context}; what cannot be converted is reported in {@code errors}. */
    public static Map<String, Object> convert(DMNModel model, JsonNode context, List<FieldError> errors) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = context.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            InputDataNode input = model.getInputByName(field.getKey());
            DMNType type = input == null ? null : input.getType();
            inputs.put(field.getKey(), value(field.getValue(), type, "/context/" + field.getKey(), errors));
        }
        return inputs;
    }

    static Object value(JsonNode node, DMNType type, String pointer, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            DMNType element = type != null && type.isCollection() ? elementType(type) : null;
            List<Object> list = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                list.add(value(node.get(i), element, pointer + "/" + i, errors));
            }
            return list;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                DMNType fieldType = type != null && type.isComposite() ? type.getFields().get(field.getKey()) : null;
                map.put(field.getKey(), value(field.getValue(), fieldType, pointer + "/" + field.getKey(), errors));
            }
            return map;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        String text = node.asText();
        Matcher at = AT_LITERAL.matcher(text);
        Optional<String> builtIn = builtIn(type);
        if (builtIn.isPresent()) {
            return temporal(builtIn.get(), at.matches() ? at.group(1) : text, pointer, errors);
        }
        if (at.matches() && untyped(type)) {
            return temporal(shapeOf(at.group(1)), at.group(1), pointer, errors);
        }
        return text;
    }

    private static final Pattern AT_LITERAL = Pattern.compile("@\"(.*)\"");

    private static boolean untyped(DMNType type) {
        return type == null || type.getName() == null || type.getName().equals("Any");
    }

    /** Which temporal an at-literal is, by its shape, as FEEL reads {@code @"..."}. */
    private static String shapeOf(String text) {
        if (text.startsWith("P") || text.startsWith("-P")) {
            return "duration";
        }
        if (text.contains("T")) {
            return "date and time";
        }
        return text.indexOf(':') == 2 ? "time" : "date";
    }

    private static Object temporal(String typeName, String text, String pointer, List<FieldError> errors) {
        FEELFnResult<?> parsed = switch (typeName) {
            case "date" -> DateFunction.INSTANCE.invoke(text);
            case "time" -> TimeFunction.INSTANCE.invoke(text);
            case "date and time", "dateTime" -> DateAndTimeFunction.INSTANCE.invoke(text);
            case "days and time duration", "dayTimeDuration", "years and months duration", "yearMonthDuration",
                 "duration" -> DurationFunction.INSTANCE.invoke(text);
            default -> null;
        };
        if (parsed == null) {
            return text;
        }
        return parsed.cata(error -> {
            errors.add(new FieldError(pointer, "is not a valid " + typeName + " (ISO 8601 expected): " + text));
            return null;
        }, value -> value);
    }

    /** The FEEL built-in type a (possibly user-defined) type ultimately is, when it is a temporal one. */
    private static Optional<String> builtIn(DMNType type) {
        DMNType t = type;
        for (int depth = 0; t != null && depth < MAX_TYPE_DEPTH; t = t.getBaseType(), depth++) {
            if (t.isCollection() || t.isComposite()) {
                return Optional.empty();
            }
            String name = t.getName();
            if (name != null && (name.equals("date") || name.equals("time") || name.equals("date and time")
                    || name.equals("dateTime") || name.contains("uration"))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static DMNType elementType(DMNType collection) {
        DMNType base = collection.getBaseType();
        return base != null && base != collection ? base : null;
    }
}
