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
    /** Characters read ahead, scanned for line ends in bulk rather than one read call per character. */
    private final char[] chunk = new char[64 * 1024];
    private int position;
    private int limit;

    public BoundedLineReader(Reader reader, int maxChars) {
        this.reader = reader;
        this.maxChars = maxChars;
    }

    /** The next line without its terminator, or null at the end of input. */
    public Line next() throws IOException {
        buffer.setLength(0);
        boolean tooLong = false;
        boolean any = false;
        while (position < limit || fill()) {
            any = true;
            int start = position;
            while (position < limit && chunk[position] != '\n') {
                position++;
            }
            int length = position - start;
            if (!tooLong && buffer.length() + length > maxChars) {
                tooLong = true;
                buffer.setLength(0);
            }
            if (!tooLong) {
                buffer.append(chunk, start, length);
            }
            if (position < limit) {
                position++;
                break;
            }
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

    /** Reads the next characters; false at the end of input. */
    private boolean fill() throws IOException {
        int read = reader.read(chunk, 0, chunk.length);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }
}
