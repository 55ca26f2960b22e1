package io.arbiter.it;

import static io.arbiter.it.XsdTemporal.Type.DATE;
import static io.arbiter.it.XsdTemporal.Type.DATE_TIME;
import static io.arbiter.it.XsdTemporal.Type.DAY_TIME_DURATION;
import static io.arbiter.it.XsdTemporal.Type.DURATION;
import static io.arbiter.it.XsdTemporal.Type.TIME;
import static io.arbiter.it.XsdTemporal.Type.YEAR_MONTH_DURATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** The TCK harness's check of returned temporals: XML Schema lexical forms (plus FEEL's region suffix) and value. */
class XsdTemporalTest {

    private static final Map<XsdTemporal.Type, List<String>> VALID = Map.of(
            DATE, List.of("2021-01-02", "10000-01-02", "123456789-12-31", "-0001-01-02", "-12345-06-07", "0000-01-02",
                    "2021-01-02Z", "2021-01-02-14:00"),
            TIME, List.of("11:15:00", "11:15:00.5", "23:59:01.987654321", "11:15:00Z", "11:15:00+14:00",
                    "11:15:00-13:59", "24:00:00", "10:30:00@Europe/Rome", "10:30:00.25@America/Argentina/Buenos_Aires",
                    "10:30:00@Etc/GMT+5", "10:30:00@UTC"),
            DATE_TIME, List.of("2021-01-02T11:15:00", "10000-01-02T11:15:00.000000001", "-0001-01-02T00:00:00Z",
                    "2021-01-02T11:15:00-05:00", "2021-01-02T11:15:00@Europe/Rome", "2021-01-02T24:00:00"),
            DURATION, List.of("P1Y2M3DT4H5M6.7S", "-P10Y", "P0M", "PT0S", "P1YT1S", "-PT59.5S", "P400D", "P1Y0M",
                    "-P83333333Y3M", "PT16H40M0.999999999S"),
            DAY_TIME_DURATION, List.of("P2DT12H", "-PT0.5S", "PT0S", "P400D", "PT1M"),
            YEAR_MONTH_DURATION, List.of("P1Y2M", "-P10Y", "P0M", "P14M"));

    /** Java's toString forms, FEEL forms XML Schema has no place for, and near misses. */
    private static final Map<XsdTemporal.Type, List<String>> INVALID = Map.of(
            DATE, List.of("+10000-01-02", "01000-01-02", "21-01-02", "2021-1-2", "2021-13-01", "2021-01-32",
                    "2021-01-02+15:00", "2021-01-02@Europe/Rome", "2021-01-02T00:00:00", " 2021-01-02"),
            TIME, List.of("11:15", "11:15+01:00", "11:15:00+01:00:30", "11:15:00+14:01", "11:15:00.", "24:00:01",
                    "25:00:00", "10:30@Europe/Rome", "11:15:00+01:00[Europe/Rome]", "11:15:00@", "11:15:00z"),
            DATE_TIME, List.of("2021-01-02T11:15", "+10000-01-02T11:15:00", "2021-01-02T11:15+01:00[Europe/Rome]",
                    "2021-01-02 11:15:00", "2021-01-02", "2021-01-02T11:15:00@Europe/Rome+01:00"),
            DURATION, List.of("P-10Y", "PT-1.5S", "P1Y-2M", "P", "PT", "-P", "P1DT", "P1Y2M3DT", "P1.5Y", "PT1.5M",
                    "P1W", "PT1H1H", "p1d"),
            DAY_TIME_DURATION, List.of("P1Y", "P1M", "P1Y2DT3H", "P1DT", "PT-1S"),
            YEAR_MONTH_DURATION, List.of("P1D", "P1Y2D", "PT0S", "P1M1Y", "P-1Y"));

    @Test
    void acceptsTheXmlSchemaLexicalFormsAndFeelsRegionSuffix() {
        VALID.forEach((type, forms) -> forms.forEach(form ->
                assertTrue(type.lexical.matcher(form).matches(), form + " is a valid " + type)));
    }

    @Test
    void rejectsOtherForms() {
        INVALID.forEach((type, forms) -> forms.forEach(form ->
                assertFalse(type.lexical.matcher(form).matches(), form + " is not a valid " + type)));
    }

    @Test
    void aResultEqualInValueButNotInLexicalFormFailsNamingBoth() {
        String mismatch = new XsdTemporal(TIME, "11:15:00").mismatch(new TextNode("11:15"));
        assertEquals("got \"11:15\", equal in value to the expected xs:time 11:15:00 but not in the xs:time lexical form",
                mismatch);
        assertTrue(new XsdTemporal(DURATION, "-P10Y").mismatch(new TextNode("P-10Y")).contains("lexical form"));
        assertTrue(new XsdTemporal(DAY_TIME_DURATION, "-PT1.5S").mismatch(new TextNode("PT-1.5S")).contains("lexical form"));
    }

    @Test
    void aResultInAnotherFormOfTheSameValuePasses() {
        assertNull(new XsdTemporal(TIME, "11:15:00").mismatch(new TextNode("11:15:00")));
        assertNull(new XsdTemporal(DURATION, "P1Y0M").mismatch(new TextNode("P1Y")));
        assertNull(new XsdTemporal(DURATION, "PT36H").mismatch(new TextNode("P1DT12H")));
        assertNull(new XsdTemporal(DATE_TIME, "2021-01-02T11:15:00@Europe/Rome")
                .mismatch(new TextNode("2021-01-02T11:15:00@Europe/Rome")));
    }

    @Test
    void aResultOfAnotherValueOrKindFails() {
        assertEquals("expected xs:date 2021-01-02 got \"2021-01-03\"",
                new XsdTemporal(DATE, "2021-01-02").mismatch(new TextNode("2021-01-03")));
        assertEquals("expected xs:time 11:15:00Z got \"11:15:00\"",
                new XsdTemporal(TIME, "11:15:00Z").mismatch(new TextNode("11:15:00")));
        assertEquals("expected xs:duration P1D got 1", new XsdTemporal(DURATION, "P1D").mismatch(IntNode.valueOf(1)));
    }

    @Test
    void isSentAsAFeelAtLiteral() throws Exception {
        assertEquals("\"@\\\"2021-01-02\\\"\"", new ObjectMapper().writeValueAsString(new XsdTemporal(DATE, "2021-01-02")));
        assertEquals(DATE_TIME, XsdTemporal.Type.of("xsd:dateTime"));
        assertEquals(YEAR_MONTH_DURATION, XsdTemporal.Type.of("xs:yearMonthDuration"));
        assertNull(XsdTemporal.Type.of("xsd:string"));
    }
}
