package io.arbiter.ndjson;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads an NDJSON body one document at a time, never holding the whole body: blank lines are skipped, an over-long
 * or malformed line comes back as a rejection with its line number, so the caller reports it and goes on.
 */
public final class NdjsonReader {

    /** One non-blank line: its document, or why it has none. */
    public record Entry(long line, JsonNode document, Rejection rejection) {
    }

    private final BoundedLineReader lines;
    private final ObjectReader lineReader;
    private final int maxLineChars;
    private long lineNumber;

    public NdjsonReader(InputStream body, ObjectMapper mapper, int maxLineChars) {
        this.lines = new BoundedLineReader(
                new InputStreamReader(body, StandardCharsets.UTF_8), maxLineChars);
        // a line holds one document: a second one after it is refused with the line, not dropped
        this.lineReader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxLineChars = maxLineChars;
    }

    /** The next non-blank line, or null at the end of the body. */
    public Entry next() throws IOException {
        for (BoundedLineReader.Line line; (line = lines.next()) != null; ) {
            lineNumber++;
            if (line.tooLong()) {
                return new Entry(lineNumber, null,
                        new Rejection(lineNumber, null, "line longer than " + maxLineChars + " characters"));
            }
            if (line.text().isBlank()) {
                continue;
            }
            try {
                return new Entry(lineNumber, lineReader.readTree(line.text()), null);
            } catch (JsonProcessingException e) {
                return new Entry(lineNumber, null, new Rejection(lineNumber, null, "malformed JSON: " + e.getOriginalMessage()));
            }
        }
        return null;
    }
}
