package io.arbiter.input;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** Typed access to a JSON object's fields that records a {@link FieldError} with its pointer instead of throwing. */
public record FieldReader(JsonNode node, List<FieldError> errors) {

    static final int MAX_DECIMAL_PLACES = 10;
    static final BigDecimal DECIMAL_LIMIT = BigDecimal.TEN.pow(15);

    /**
     * Reports every field of the object that is not one of {@code known}, all at once, each under {@code at}: the
     * object's own pointer ({@code ""} for the document, {@code "/consent"} for a nested object).
     */
    public void unknownFields(Set<String> known, String at) {
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                errors.add(new FieldError(at + "/" + name, "unknown field"));
            }
        });
    }

    public String string(String name, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError("/" + name, "is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError("/" + name, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        String text = string(name, true);
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        errors.add(new FieldError("/" + name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants())));
        return null;
    }

    public LocalDate date(String name) {
        String text = string(name, true);
        if (text == null) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("/" + name, "must be an ISO 8601 date (YYYY-MM-DD)"));
            return null;
        }
        if (!PlausibleDates.contains(date)) {
            errors.add(new FieldError("/" + name, "must be a date " + PlausibleDates.RANGE));
            return null;
        }
        return date;
    }

    public int count(String name, boolean required, int min) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError("/" + name, "is required"));
            }
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            errors.add(new FieldError("/" + name, "must be a whole number"));
            return 0;
        }
        if (value.intValue() < min) {
            errors.add(new FieldError("/" + name, "must be >= " + min));
            return 0;
        }
        return value.intValue();
    }

    public Integer optionalCount(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : count(name, false, 0);
    }

    public BigDecimal decimal(String name, boolean required, BigDecimal max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError("/" + name, "is required"));
            }
            return null;
        }
        if (!value.isNumber()) {
            errors.add(new FieldError("/" + name, "must be a number"));
            return null;
        }
        BigDecimal number = value.decimalValue();
        if (number.signum() < 0) {
            errors.add(new FieldError("/" + name, "must be >= 0"));
            return null;
        }
        if (number.scale() > MAX_DECIMAL_PLACES || number.compareTo(DECIMAL_LIMIT) >= 0) {
            // 1E+99999 or 1E-99999 is a short token but a 100,000-digit number in every sum and every answer
            errors.add(new FieldError("/" + name, "must be below 10^15 with at most " + MAX_DECIMAL_PLACES
                    + " decimal places"));
            return null;
        }
        if (max != null && number.compareTo(max) > 0) {
            errors.add(new FieldError("/" + name, "must be <= " + max.toPlainString()));
            return null;
        }
        return number;
    }

    public Boolean bool(JsonNode parent, String name, String pointer) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(pointer, "is required"));
            return null;
        }
        if (!value.isBoolean()) {
            errors.add(new FieldError(pointer, "must be true or false"));
            return null;
        }
        return value.booleanValue();
    }
}
