package io.arbiter.ndjson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
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
        BoundedLineReader reader = reader("abcd\nabcde\nok", 4);
        assertEquals(new BoundedLineReader.Line("abcd", null), reader.next());
        assertEquals(new BoundedLineReader.Line(null, "line longer than 4 bytes"), reader.next());
        assertEquals(new BoundedLineReader.Line("ok", null), reader.next());
        assertNull(reader.next());
    }

    @Test
    void linesLongerThanTheReadAheadAreReadWhole() throws IOException {
        String longLine = "x".repeat(150_000);
        String body = "first\n" + longLine + "\n" + "y".repeat(300_000) + "\nlast";
        BoundedLineReader reader = reader(body, 200_000);
        assertEquals("first", reader.next().text());
        assertEquals(longLine, reader.next().text());
        assertEquals(new BoundedLineReader.Line(null, "line longer than 200000 bytes"), reader.next());
        assertEquals("last", reader.next().text());
        assertNull(reader.next());
    }

    @Test
    void aLineThatIsNotUtf8IsRefusedWhereItBreaksAndTheNextIsStillRead() throws IOException {
        byte[] body = {'"', 'a', (byte) 0xC3, '"', '\n', '"', (byte) 0xC3, (byte) 0xA9, '"', '\n', (byte) 0xFF, '\n'};
        BoundedLineReader reader = new BoundedLineReader(new ByteArrayInputStream(body), 100);
        assertEquals(new BoundedLineReader.Line(null, "not valid UTF-8 at byte 3 of the line"), reader.next());
        assertEquals(new BoundedLineReader.Line("\"\u00e9\"", null), reader.next(), "a two-byte character is kept");
        assertEquals(new BoundedLineReader.Line(null, "not valid UTF-8 at byte 1 of the line"), reader.next());
        assertNull(reader.next());
    }

    @Test
    void theLimitCountsBytesSoMultiByteCharactersCannotStretchIt() throws IOException {
        BoundedLineReader reader = reader("\u00e9\u00e9\n\u00e9\u00e9\u00e9", 4);
        assertEquals("\u00e9\u00e9", reader.next().text());
        assertEquals("line longer than 4 bytes", reader.next().refusal());
    }

    private static BoundedLineReader reader(String body, int maxBytes) {
        return new BoundedLineReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), maxBytes);
    }

    private static List<String> lines(String body, int maxBytes) throws IOException {
        BoundedLineReader reader = reader(body, maxBytes);
        List<String> lines = new ArrayList<>();
        for (BoundedLineReader.Line line; (line = reader.next()) != null; ) {
            lines.add(line.text());
        }
        return lines;
    }
}
