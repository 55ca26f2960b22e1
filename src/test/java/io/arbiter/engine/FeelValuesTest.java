package io.arbiter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kie.dmn.feel.lang.types.impl.ComparablePeriod;
import org.kie.dmn.feel.runtime.functions.DurationFunction;
import org.kie.dmn.feel.runtime.functions.TimeFunction;

/**
 * FEEL temporals reach JSON in XML Schema lexical forms as FEEL's string() writes them, not in Java's toString
 * forms ({@code 11:15}, {@code P-10Y}, {@code +10000-01-01}, {@code ...+01:00[Europe/Rome]}) and not in kie's
 * forms where those are invalid or a different value.
 */
class FeelValuesTest {

    private static final ZoneOffset PLUS_ONE = ZoneOffset.ofHours(1);

    static Stream<Arguments> temporals() {
        return Stream.of(
                Arguments.of(LocalDate.of(2021, 1, 2), "2021-01-02"),
                Arguments.of(LocalDate.of(10_000, 1, 2), "10000-01-02"),
                Arguments.of(LocalDate.of(123_456_789, 12, 31), "123456789-12-31"),
                Arguments.of(LocalDate.of(-1, 1, 2), "-0001-01-02"),
                Arguments.of(LocalDate.of(-12_345, 6, 7), "-12345-06-07"),
                Arguments.of(LocalDate.of(0, 1, 2), "0000-01-02"),
                Arguments.of(LocalTime.of(11, 15), "11:15:00"),
                Arguments.of(LocalTime.of(11, 15, 7), "11:15:07"),
                Arguments.of(LocalTime.of(11, 15, 0, 500_000_000), "11:15:00.5"),
                Arguments.of(LocalTime.of(23, 59, 1, 987_654_321), "23:59:01.987654321"),
                Arguments.of(OffsetTime.of(11, 15, 0, 0, PLUS_ONE), "11:15:00+01:00"),
                Arguments.of(OffsetTime.of(11, 15, 0, 0, ZoneOffset.UTC), "11:15:00Z"),
                Arguments.of(OffsetTime.of(11, 15, 0, 0, ZoneOffset.ofHoursMinutesSeconds(1, 0, 30)), "10:14:30Z"),
                Arguments.of(OffsetTime.of(11, 15, 0, 0, ZoneOffset.ofHours(16)), "19:15:00Z"),
                Arguments.of(OffsetTime.of(11, 15, 0, 0, ZoneOffset.ofHours(-14)), "11:15:00-14:00"),
                Arguments.of(feelTime("10:30@Europe/Rome"), "10:30:00@Europe/Rome"),
                Arguments.of(feelTime("10:30:00.25@Europe/Rome"), "10:30:00.25@Europe/Rome"),
                Arguments.of(LocalDateTime.of(2021, 1, 2, 11, 15), "2021-01-02T11:15:00"),
                Arguments.of(LocalDateTime.of(10_000, 1, 2, 11, 15, 0, 1), "10000-01-02T11:15:00.000000001"),
                Arguments.of(OffsetDateTime.of(2021, 1, 2, 11, 15, 0, 0, ZoneOffset.ofHours(-5)), "2021-01-02T11:15:00-05:00"),
                Arguments.of(OffsetDateTime.of(2021, 1, 2, 11, 15, 0, 0, ZoneOffset.ofHours(15)), "2021-01-01T20:15:00Z"),
                Arguments.of(ZonedDateTime.of(2021, 1, 2, 11, 15, 0, 0, ZoneId.of("Europe/Rome")), "2021-01-02T11:15:00@Europe/Rome"),
                Arguments.of(ZonedDateTime.of(2021, 1, 2, 11, 15, 0, 0, ZoneOffset.ofHours(2)), "2021-01-02T11:15:00+02:00"),
                Arguments.of(ZonedDateTime.of(2021, 1, 2, 11, 15, 0, 0, ZoneOffset.UTC), "2021-01-02T11:15:00Z"),
                Arguments.of(ZonedDateTime.of(2021, 1, 2, 11, 15, 0, 0, ZoneOffset.ofHoursMinutesSeconds(-1, 0, -30)), "2021-01-02T12:15:30Z"),
                Arguments.of(Duration.ZERO, "PT0S"),
                Arguments.of(Duration.ofHours(60), "P2DT12H"),
                Arguments.of(Duration.ofHours(-60), "-P2DT12H"),
                Arguments.of(Duration.ofDays(400), "P400D"),
                Arguments.of(Duration.ofMillis(1_500), "PT1.5S"),
                Arguments.of(Duration.ofNanos(1), "PT0.000000001S"),
                Arguments.of(Duration.ofMillis(-500), "-PT0.5S"),
                Arguments.of(Duration.ofMillis(-59_500), "-PT59.5S"),
                Arguments.of(Duration.ofMillis(-7_199_500), "-PT1H59M59.5S"),
                Arguments.of(Duration.ofMillis(-86_399_500), "-PT23H59M59.5S"),
                Arguments.of(Duration.ofMillis(-86_400_500), "-P1DT0.5S"),
                Arguments.of(new ComparablePeriod(Period.ofYears(-10)), "-P10Y"),
                Arguments.of(new ComparablePeriod(Period.ofMonths(14)), "P1Y2M"),
                Arguments.of(new ComparablePeriod(Period.ofMonths(-14)), "-P1Y2M"),
                Arguments.of(new ComparablePeriod(Period.ZERO), "P0M"),
                Arguments.of(Period.of(1, -2, 0), "P10M"));
    }

    @ParameterizedTest
    @MethodSource("temporals")
    void temporalsAreWrittenInXmlSchemaLexicalForms(Object value, String expected) {
        assertEquals(expected, FeelValues.toJson(value));
    }

    /**
     * An independent parser agrees: the JDK's XML Schema 1.0 datatypes accept every form but FEEL's region suffix,
     * which XML Schema has no form for, and year 0000, which is 1 BCE since XML Schema 1.1 and absent from 1.0.
     */
    @ParameterizedTest
    @MethodSource("temporals")
    void anXmlSchemaParserAcceptsTheForms(Object value, String ignored) throws DatatypeConfigurationException {
        String text = (String) FeelValues.toJson(value);
        if (text.contains("@") || text.startsWith("0000-")) {
            return;
        }
        DatatypeFactory xmlSchema = DatatypeFactory.newInstance();
        if (text.startsWith("P") || text.startsWith("-P")) {
            assertEquals(text, xmlSchema.newDuration(text).toString());
        } else {
            assertEquals(text, xmlSchema.newXMLGregorianCalendar(text).toXMLFormat());
        }
    }

    /** kie writes -PT59.5S as -PT1M0.5S: every negative duration must read back as itself. */
    @Test
    void negativeDurationsReadBackAsThemselves() {
        for (long millis = -3_000; millis < 0; millis += 500) {
            for (Duration whole : List.of(Duration.ZERO, Duration.ofMinutes(-1), Duration.ofHours(-1), Duration.ofDays(-1))) {
                Duration duration = whole.plusMillis(millis);
                String text = (String) FeelValues.toJson(duration);
                assertEquals(duration, DurationFunction.INSTANCE.invoke(text).getOrElseThrow(e -> new IllegalArgumentException(e.getMessage())), text);
            }
        }
    }

    @Test
    void listsAndContextsKeepTheirShapeWithTemporalsInside() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("start", LocalTime.of(11, 15));
        context.put("terms", List.of(new ComparablePeriod(Period.ofYears(-10)), Duration.ofHours(60)));
        context.put("count", java.math.BigDecimal.TEN);

        Object json = FeelValues.toJson(List.of(context, LocalDate.of(10_000, 1, 1)));

        assertEquals(List.of(Map.of("start", "11:15:00", "terms", List.of("-P10Y", "P2DT12H"), "count",
                java.math.BigDecimal.TEN), "10000-01-01"), json);
    }

    private static Object feelTime(String text) {
        return TimeFunction.INSTANCE.invoke(text).getOrElseThrow(e -> new IllegalArgumentException(e.getMessage()));
    }
}
