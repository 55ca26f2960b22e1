package io.arbiter.events;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.arbiter.facts.FactsParser;
import io.arbiter.facts.FieldError;

/** Turns a JSON event into a {@link CustomerEvent}, reporting every violation with its JSON Pointer. */
public final class EventParser {

    public static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    /** Clocks of senders drift; an event further ahead than this is refused as a future event. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final int MAX_ATTRIBUTES_CHARS = 4096;
    private static final Set<String> FIELDS = Set.of("eventId", "customerId", "type", "occurredAt", "amount",
            "currency", "attributes");

    private final Clock clock;
    private final String reportingCurrency;

    public EventParser(Clock clock, String reportingCurrency) {
        this.clock = clock;
        this.reportingCurrency = reportingCurrency;
    }

    /** A valid event of a customer, or the errors found. */
    public record Result(String customerId, CustomerEvent event, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public Result parse(JsonNode node) {
        List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            return new Result(null, null, List.of(new FieldError("", "must be a JSON object")));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError("/" + name, "unknown field"));
            }
        }
        String eventId = text(node, "eventId", errors);
        if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
            errors.add(new FieldError("/eventId", "must be 1-128 characters of A-Z a-z 0-9 . _ : -"));
        }
        String customerId = text(node, "customerId", errors);
        if (customerId != null && !FactsParser.CUSTOMER_ID.matcher(customerId).matches()) {
            errors.add(new FieldError("/customerId", FactsParser.CUSTOMER_ID_RULE));
        }
        EventType type = type(node, errors);
        OffsetDateTime occurredAt = occurredAt(node, errors);
        BigDecimal amount = amount(node, type, errors);
        String attributes = attributes(node, errors);
        if (!errors.isEmpty()) {
            return new Result(customerId, null, errors);
        }
        return new Result(customerId, new CustomerEvent(eventId, type, occurredAt.toInstant(),
                occurredAt.toLocalDate(), amount, attributes), errors);
    }

    private static String text(JsonNode node, String name, List<FieldError> errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            errors.add(new FieldError("/" + name, "is required"));
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError("/" + name, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private static EventType type(JsonNode node, List<FieldError> errors) {
        String text = text(node, "type", errors);
        if (text == null) {
            return null;
        }
        for (EventType type : EventType.values()) {
            if (type.name().equals(text)) {
                return type;
            }
        }
        errors.add(new FieldError("/type", "must be one of " + java.util.Arrays.toString(EventType.values())));
        return null;
    }

    private OffsetDateTime occurredAt(JsonNode node, List<FieldError> errors) {
        String text = text(node, "occurredAt", errors);
        if (text == null) {
            return null;
        }
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("/occurredAt", "must be an ISO 8601 date-time with offset, e.g. 2026-03-01T14:30:00+01:00"));
            return null;
        }
        if (at.toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            errors.add(new FieldError("/occurredAt", "must not be in the future"));
            return null;
        }
        return at;
    }

    private BigDecimal amount(JsonNode node, EventType type, List<FieldError> errors) {
        JsonNode amount = node.get("amount");
        JsonNode currency = node.get("currency");
        boolean given = amount != null && !amount.isNull();
        if (type != null && !type.money()) {
            if (given || (currency != null && !currency.isNull())) {
                errors.add(new FieldError(given ? "/amount" : "/currency", "is not allowed for a " + type + " event"));
            }
            return null;
        }
        if (!given) {
            errors.add(new FieldError("/amount", "is required for a money event"));
        } else if (!amount.isNumber()) {
            errors.add(new FieldError("/amount", "must be a number"));
        } else if (amount.decimalValue().signum() < 0) {
            errors.add(new FieldError("/amount", "must be >= 0 (a REFUND event gives money back)"));
        }
        String code = text(node, "currency", errors);
        if (code != null) {
            if (!isIso4217(code)) {
                errors.add(new FieldError("/currency", "must be an ISO 4217 code such as EUR"));
            } else if (!code.equals(reportingCurrency)) {
                errors.add(new FieldError("/currency", "must be the reporting currency " + reportingCurrency
                        + " (no conversion is configured)"));
            }
        }
        return given && amount.isNumber() ? amount.decimalValue() : null;
    }

    private static boolean isIso4217(String code) {
        try {
            return Currency.getInstance(code).getCurrencyCode().equals(code);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String attributes(JsonNode node, List<FieldError> errors) {
        JsonNode attributes = node.get("attributes");
        if (attributes == null || attributes.isNull()) {
            return null;
        }
        if (!attributes.isObject()) {
            errors.add(new FieldError("/attributes", "must be a JSON object"));
            return null;
        }
        String text = attributes.toString();
        if (text.length() > MAX_ATTRIBUTES_CHARS) {
            errors.add(new FieldError("/attributes", "must be at most " + MAX_ATTRIBUTES_CHARS + " characters as JSON"));
            return null;
        }
        return text;
    }
}
