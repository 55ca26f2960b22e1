package io.arbiter.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One behaviour event as stored in the customer's log. {@code occurredOn} is the calendar day in the offset the
 * event was sent with (the customer's day: two purchases on it are one transaction for the lifetime-value models).
 * {@code amount} is in the reporting currency, null for events without money; {@code attributes} is the caller's
 * free JSON object, kept as text. Stored packed in the log ({@link PackedEvents}).
 */
public record CustomerEvent(
        String eventId,
        EventType type,
        Instant occurredAt,
        LocalDate occurredOn,
        BigDecimal amount,
        String attributes) {
}
