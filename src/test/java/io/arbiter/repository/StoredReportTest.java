package io.arbiter.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.arbiter.bundle.CompilationMessage;
import io.arbiter.bundle.CompilationMessage.Severity;

class StoredReportTest {

    @Test
    void aReportWithinTheBoundIsKeptWholeAndInOrder() {
        List<CompilationMessage> messages = List.of(message(Severity.WARNING, "w"), message(Severity.ERROR, "e"));
        assertEquals(List.of("w", "e"), StoredReport.of(messages).stream().map(ReportEntry::text).toList());
    }

    @Test
    void aLongerReportKeepsErrorsFirstAndCountsWhatIsLeftOut() {
        List<CompilationMessage> messages = new ArrayList<>();
        IntStream.range(0, 600).forEach(i -> messages.add(message(Severity.WARNING, "warning " + i)));
        IntStream.range(0, 10).forEach(i -> messages.add(message(Severity.ERROR, "error " + i)));
        messages.add(0, message(Severity.INFO, "info"));

        List<ReportEntry> stored = StoredReport.of(messages);

        assertEquals(StoredReport.MAX_ENTRIES, stored.size());
        assertEquals(IntStream.range(0, 10).mapToObj(i -> "error " + i).toList(),
                stored.subList(0, 10).stream().map(ReportEntry::text).toList());
        assertEquals("warning 0", stored.get(10).text());
        assertEquals("warning 488", stored.get(498).text());
        ReportEntry omitted = stored.get(499);
        assertEquals("INFO", omitted.severity());
        assertEquals("112 more findings were left out: a stored report keeps 499 of them, errors first", omitted.text());
    }

    @Test
    void entriesQuotingTheBundleAreClipped() {
        String longName = "x".repeat(100_000) + ".dmn";
        ReportEntry entry = ReportEntry.of(new CompilationMessage(longName, longName, null, Severity.ERROR,
                "unknown variable " + longName));
        assertEquals(ReportEntry.MAX_NAME_CHARS, entry.file().length());
        assertEquals(ReportEntry.MAX_NAME_CHARS, entry.elementId().length());
        assertEquals(ReportEntry.MAX_TEXT_CHARS, entry.text().length());
        assertEquals(ReportEntry.MAX_NAME_CHARS, StoredFile.of(longName, "").name().length());
    }

    private static CompilationMessage message(Severity severity, String text) {
        return new CompilationMessage("a.dmn", null, null, severity, text);
    }
}
