package io.arbiter.ndjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Lines as an NDJSON body delivers them: any terminator, any length, across the reader's read-ahead. */
class BoundedLineReaderTest {

    @Test
    void linesEndAtLineFeedsWithCarriageReturnsDroppedAndTheLastMayLackATerminator() throws IOException {
        assertEquals(List.of("a", "", "b", "c"), lines("a\n\r\nb\r\nc", 10));
        assertEquals(List.of("a"), lines("a\n", 10));
        assertEquals(List.of(), lines("", 10));
    }

    @Test
    void aLineOfTheLimitIsKeptAndALongerOneReportedWithoutItsText() throws IOException {
        BoundedLineReader reader = new BoundedLineReader(new StringReader("abcd\nabcde\nok"), 4);
        assertEquals(new BoundedLineReader.Line("abcd", false), reader.next());
        assertEquals(new BoundedLineReader.Line(null, true), reader.next());
        assertEquals(new BoundedLineReader.Line("ok", false), reader.next());
        assertNull(reader.next());
    }

    @Test
    void linesLongerThanTheReadAheadAreReadWhole() throws IOException {
        String longLine = "x".repeat(150_000);
        String body = "first\n" + longLine + "\n" + "y".repeat(300_000) + "\nlast";
        BoundedLineReader reader = new BoundedLineReader(new StringReader(body), 200_000);
        assertEquals("first", reader.next().text());
        assertEquals(longLine, reader.next().text());
        assertEquals(new BoundedLineReader.Line(null, true), reader.next());
        assertEquals("last", reader.next().text());
        assertNull(reader.next());
    }

    private static List<String> lines(String body, int maxChars) throws IOException {
        BoundedLineReader reader = new BoundedLineReader(new StringReader(body), maxChars);
        List<String> lines = new ArrayList<>();
        for (BoundedLineReader.Line line; (line = reader.next()) != null; ) {
            lines.add(line.text());
        }
        return lines;
    }
}
