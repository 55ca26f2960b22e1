package io.arbiter.ndjson;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of at most {@code maxChars} characters; a longer line is consumed and reported as too long instead
 * of being held in memory, so one hostile line cannot exhaust the heap.
 */
public final class BoundedLineReader {

    public record Line(String text, boolean tooLong) {
    }

    private final Reader reader;
    private final int maxChars;
    private final StringBuilder buffer = new StringBuilder();

    public BoundedLineReader(Reader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, or null at the end of input. */
    public Line next() throws IOException {
        buffer.setLength(0);
        boolean tooLong = false;
        int c;
        boolean any = false;
        while ((c = reader.read()) != -1) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (tooLong) {
                continue;
            }
            if (buffer.length() == maxChars) {
                tooLong = true;
                buffer.setLength(0);
                continue;
            }
            buffer.append((char) c);
        }
        if (!any) {
            return null;
        }
        int end = buffer.length();
        if (end > 0 && buffer.charAt(end - 1) == '\r') {
            buffer.setLength(end - 1);
        }
        return new Line(tooLong ? null : buffer.toString(), tooLong);
    }
}
