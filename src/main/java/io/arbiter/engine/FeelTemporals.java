package io.arbiter.engine;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.kie.dmn.feel.runtime.custom.ZoneTime;
import org.kie.dmn.feel.util.TypeUtil;

/**
 * FEEL dates, times, date-times and durations in the XML Schema 1.1 lexical forms of xs:date, xs:time, xs:dateTime
 * and xs:duration, written as FEEL's {@code string()} writes them (kie's {@code TypeUtil.formatValue}): {@code
 * 10000-01-01}, {@code -0001-01-01}, {@code 11:15:00}, {@code 11:15:00.5+01:00}, {@code P2DT12H}, {@code -P10Y}.
 * A time or date-time in a region zone keeps FEEL's {@code @Europe/Rome} suffix, which XML Schema has no form for.
 * Where kie's form is not a valid XML Schema form, or not the same value, the value is written differently:
 * <ul>
 *   <li>a time in a region zone written without seconds: kie writes {@code 10:30@Europe/Rome}, this
 *       {@code 10:30:00@Europe/Rome};</li>
 *   <li>a negative days-and-time duration with a fraction of a second: kie borrows the second from the wrong unit
 *       ({@code -PT59.5S} becomes {@code -PT1M0.5S}, {@code -PT23H59M59.5S} becomes {@code -P1DT0.5S}), so it is
 *       written as its magnitude with a minus sign;</li>
 *   <li>an offset XML Schema cannot carry (seconds, as in {@code +01:00:30}, or beyond {@code ±14:00}, which Java and
 *       FEEL accept up to {@code ±18:00}): the same instant is written in UTC, {@code Z}.</li>
 * </ul>
 * Year 0 is written {@code 0000}, which is 1 BCE in XML Schema 1.1 and ISO 8601 as in Java; XML Schema 1.0 had no
 * year 0, so a 1.0 parser rejects it.
 */
final class FeelTemporals {

    /** XML Schema's timezone is ±hh:mm, at most 14 hours from UTC. */
    private static final int MAX_XML_SCHEMA_OFFSET_SECONDS = 14 * 3600;

    private FeelTemporals() {
    }

    /** The lexical form of a FEEL temporal (a {@code TemporalAccessor} or {@code TemporalAmount}). */
    static String lexicalForm(Object value) {
        if (value instanceof ZoneTime time) {
            // kie's ZoneTime.format() leaves the seconds out when the time was written without them
            return ZoneTime.ZONED_OFFSET_WITH_SECONDS.format(time);
        }
        if (value instanceof Duration duration && duration.isNegative()) {
            return "-" + TypeUtil.formatDuration(duration.negated(), false);
        }
        return TypeUtil.formatValue(inXmlSchemaOffset(value), false);
    }

    private static Object inXmlSchemaOffset(Object value) {
        if (value instanceof OffsetTime time && !xmlSchemaOffset(time.getOffset())) {
            return time.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof OffsetDateTime dateTime && !xmlSchemaOffset(dateTime.getOffset())) {
            return dateTime.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof ZonedDateTime dateTime && dateTime.getZone() instanceof ZoneOffset offset
                && !xmlSchemaOffset(offset)) {
            return dateTime.withZoneSameInstant(ZoneOffset.UTC);
        }
        return value;
    }

    private static boolean xmlSchemaOffset(ZoneOffset offset) {
        int seconds = offset.getTotalSeconds();
        return seconds % 60 == 0 && Math.abs(seconds) <= MAX_XML_SCHEMA_OFFSET_SECONDS;
    }
}
