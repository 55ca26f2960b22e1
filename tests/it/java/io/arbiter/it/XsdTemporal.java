package io.arbiter.it;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A TCK value typed xs:date, xs:time, xs:dateTime or a duration. As an input it is sent as the FEEL at-literal
 * {@code "@\"...\""} (so a model that leaves the input untyped still reads the right kind), which is why it is a
 * text node; as an expected result it is compared as its type: the returned string must be in that type's XML Schema
 * lexical form and equal in value.
 */
final class XsdTemporal extends TextNode {

    /**
     * The XML Schema 1.1 Part 2 lexical forms (section 3.3: date, time, dateTime, duration, dayTimeDuration,
     * yearMonthDuration). Years have at least four digits, no leading zero beyond four, an optional minus sign,
     * and 0000 is 1 BCE; seconds have two digits and an optional fraction of any length; 24:00:00 is the end of a day;
     * a timezone is Z or ±hh:mm within ±14:00. A duration has at least one field and T only before a time field.
     * FEEL adds one form of its own, accepted where a zone is: a time or date-time in a region zone is written with
     * the IANA zone name after an at sign instead of an offset (10:30:00@Europe/Rome, ...@America/Argentina/Buenos_Aires,
     * ...@Etc/GMT+5, ...@UTC).
     */
    enum Type {
        DATE("date", Forms.DATE + Forms.OFFSET + "?"),
        TIME("time", Forms.TIME + Forms.ZONE + "?"),
        DATE_TIME("dateTime", Forms.DATE + "T" + Forms.TIME + Forms.ZONE + "?"),
        DURATION("duration", "-?P(?:" + Forms.YEARS_MONTHS + "(?:" + Forms.DAYS_TIME + ")?|" + Forms.DAYS_TIME + ")"),
        DAY_TIME_DURATION("dayTimeDuration", "-?P" + Forms.DAYS_TIME),
        YEAR_MONTH_DURATION("yearMonthDuration", "-?P" + Forms.YEARS_MONTHS);

        final String xsdName;
        final Pattern lexical;

        Type(String xsdName, String lexical) {
            this.xsdName = xsdName;
            this.lexical = Pattern.compile(lexical);
        }

        /** The type an xsi:type attribute ({@code xsd:dateTime}) names, or null when it is not a temporal one. */
        static Type of(String xsiType) {
            String local = xsiType.substring(xsiType.indexOf(':') + 1);
            for (Type type : values()) {
                if (type.xsdName.equals(local)) {
                    return type;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "xs:" + xsdName;
        }
    }

    /** The fragments the forms are built from. */
    private static final class Forms {
        static final String DATE = "-?(?:[1-9][0-9]{3,}|0[0-9]{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])";
        static final String TIME = "(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]+)?|24:00:00(?:\\.0+)?)";
        static final String OFFSET = "(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))";
        static final String REGION = "@[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9_+-]+)*";
        static final String ZONE = "(?:" + OFFSET + "|" + REGION + ")";
        static final String YEARS_MONTHS = "(?:[0-9]+Y(?:[0-9]+M)?|[0-9]+M)";
        static final String SECONDS = "[0-9]+(?:\\.[0-9]+)?S";
        static final String TIME_FIELDS = "T(?:[0-9]+H(?:[0-9]+M)?(?:" + SECONDS + ")?|[0-9]+M(?:" + SECONDS + ")?|" + SECONDS + ")";
        static final String DAYS_TIME = "(?:[0-9]+D(?:" + TIME_FIELDS + ")?|" + TIME_FIELDS + ")";
    }

    private final Type type;
    private final String expected;

    XsdTemporal(Type type, String lexical) {
        super("@\"" + lexical + "\"");
        this.type = type;
        this.expected = lexical;
    }

    /** Why {@code actual} is not this value in this type's lexical form, or null when it is. */
    String mismatch(JsonNode actual) {
        String text = actual.isTextual() ? actual.textValue() : null;
        Object value = temporalValue(expected);
        boolean equalInValue = expected.equals(text) || text != null && value != null && value.equals(temporalValue(text));
        if (!equalInValue) {
            return "expected " + type + " " + expected + " got " + actual;
        }
        if (!type.lexical.matcher(text).matches()) {
            return "got \"" + text + "\", equal in value to the expected " + type + " " + expected
                    + " but not in the " + type + " lexical form";
        }
        return null;
    }

    private static final List<Function<String, Object>> PARSERS = List.of(LocalDate::parse, LocalTime::parse,
            OffsetTime::parse, LocalDateTime::parse, OffsetDateTime::parse, ZonedDateTime::parse,
            t -> Duration.parse(t).toNanos(), t -> Period.parse(t).normalized().toTotalMonths());

    /** A temporal value parsed for comparison, or null when the text is not one. */
    static Object temporalValue(String text) {
        for (Function<String, Object> parser : PARSERS) {
            try {
                return parser.apply(text);
            } catch (RuntimeException notThisKind) {
                // try the next kind
            }
        }
        return null;
    }
}
