package io.arbiter.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The stored form of a log gives back exactly the events it was built from. */
class PackedEventsTest {

    @Test
    void everyFieldSurvivesPackingIncludingNullsExtremesAndNonAsciiText() {
        List<CustomerEvent> events = List.of(
                new CustomerEvent("ev-1", EventType.PURCHASE, Instant.parse("2025-03-01T23:30:00.123456789Z"),
                        LocalDate.of(2025, 3, 2), new BigDecimal("216.96"), null),
                new CustomerEvent("ev:2", EventType.CONTACT, Instant.parse("1969-12-31T23:59:59Z"),
                        LocalDate.of(1969, 12, 31), null, "{\"channel\":\"téléphone ✆\"}"),
                new CustomerEvent("ev.3", EventType.CHARGEBACK, Instant.parse("2026-01-01T00:00:00Z"),
                        LocalDate.of(2026, 1, 1), new BigDecimal("123456789012345678901234567890.000001"), "{}"),
                new CustomerEvent("e".repeat(128), EventType.REFUND, Instant.parse("2026-01-01T00:00:00Z"),
                        LocalDate.of(2026, 1, 1), new BigDecimal("5E+3"), null),
                new CustomerEvent("ev-5", EventType.PAYMENT, Instant.parse("2026-01-02T00:00:00Z"),
                        LocalDate.of(2026, 1, 2), BigDecimal.ZERO, null));

        List<CustomerEvent> unpacked = PackedEvents.unpack(PackedEvents.pack(events));

        assertEquals(events, unpacked, "decimals compare with their scale, instants to the nanosecond");
    }

    @Test
    void anEmptyLogPacksToAnEmptyLog() {
        assertEquals(List.of(), PackedEvents.unpack(PackedEvents.pack(List.of())));
    }

    @Test
    void aStoredLogOfAnotherLayoutIsRefusedRatherThanMisread() {
        byte[] packed = PackedEvents.pack(List.of());
        packed[0] = 99;
        assertThrows(IllegalStateException.class, () -> PackedEvents.unpack(packed));
    }
}
