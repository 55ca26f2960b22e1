package io.arbiter.events;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.arbiter.input.FieldError;
import io.arbiter.input.FieldReader;
import io.arbiter.input.PlausibleDates;
import io.arbiter.input.CustomerIds;

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
        FieldReader fields = new FieldReader(node, errors);
        fields.unknownFields(FIELDS, "");
        String eventId = fields.string("eventId", true);
        if (eventId != null && !EVENT_ID.matcher(eventId).matches()) {
            errors.add(new FieldError("/eventId", "must be 1-128 characters of A-Z a-z 0-9 . _ : -"));
        }
        String customerId = fields.string("customerId", true);
        if (customerId != null && !CustomerIds.valid(customerId)) {
            errors.add(new FieldError("/customerId", CustomerIds.RULE));
        }
        EventType type = fields.enumValue("type", EventType.class);
        OffsetDateTime occurredAt = occurredAt(fields);
        BigDecimal amount = amount(node, type, fields);
        String attributes = attributes(node, errors);
        if (!errors.isEmpty()) {
            return new Result(customerId, null, errors);
        }
        return new Result(customerId, new CustomerEvent(eventId, type, occurredAt.toInstant(),
                occurredAt.toLocalDate(), amount, attributes), errors);
    }

    private OffsetDateTime occurredAt(FieldReader fields) {
        List<FieldError> errors = fields.errors();
        String text = fields.string("occurredAt", true);
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
        if (!PlausibleDates.contains(at.toLocalDate())) {
            errors.add(new FieldError("/occurredAt", "must be a date-time " + PlausibleDates.RANGE));
            return null;
        }
        if (at.toInstant().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            errors.add(new FieldError("/occurredAt", "must not be in the future"));
            return null;
        }
        return at;
    }

    private BigDecimal amount(JsonNode node, EventType type, FieldReader fields) {
        List<FieldError> errors = fields.errors();
        JsonNode currency = node.get("currency");
        boolean given = node.hasNonNull("amount");
        if (type != null && !type.money()) {
            if (given || (currency != null && !currency.isNull())) {
                errors.add(new FieldError(given ? "/amount" : "/currency", "is not allowed for a " + type + " event"));
            }
            return null;
        }
        // required, a number, >= 0 (a REFUND gives money back) and within the bounds every decimal fact has
        BigDecimal value = fields.decimal("amount", true, null);
        String code = fields.string("currency", true);
        if (code != null) {
            if (!isIso4217(code)) {
                errors.add(new FieldError("/currency", "must be an ISO 4217 code such as EUR"));
            } else if (!code.equals(reportingCurrency)) {
                errors.add(new FieldError("/currency", "must be the reporting currency " + reportingCurrency
                        + " (no conversion is configured)"));
            }
        }
        return value;
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
