package io.arbiter.ndjson;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * Reads an NDJSON body one document at a time, never holding the whole body: blank lines are skipped; an over-long
 * line, one that is not UTF-8 or one that is malformed comes back as a rejection with its line number, so the caller
 * reports it and goes on.
 */
public final class NdjsonReader {

    /** One non-blank line: its document, or why it has none. */
    public record Entry(long line, JsonNode document, Rejection rejection) {
    }

    private final BoundedLineReader lines;
    private final ObjectReader lineReader;
    private long lineNumber;

    public NdjsonReader(InputStream body, ObjectMapper mapper, int maxLineBytes) {
        this.lines = new BoundedLineReader(body, maxLineBytes);
        // a line holds one document: a second one after it is refused with the line, not dropped
        this.lineReader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The next non-blank line, or null at the end of the body. */
    public Entry next() throws IOException {
        for (BoundedLineReader.Line line; (line = lines.next()) != null; ) {
            lineNumber++;
            if (line.refusal() != null) {
                return new Entry(lineNumber, null, new Rejection(lineNumber, null, line.refusal()));
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
