package io.arbiter.ndjson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines of at most {@code maxBytes} bytes and decodes each as strict UTF-8. A longer line
 * is consumed and reported as too long instead of being held in memory, so one hostile line cannot exhaust the heap;
 * a line that is not UTF-8 is reported as such instead of having its bad bytes replaced, as a decoding reader would.
 * Lines are cut on the byte {@code \n}, which UTF-8 never uses inside a character.
 */
public final class BoundedLineReader {

    /** A line's text, or why it has none. */
    public record Line(String text, String refusal) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    /** Bytes read ahead, scanned for line ends in bulk rather than one read call per byte. */
    private final byte[] chunk = new byte[64 * 1024];
    private int position;
    private int limit;

    public BoundedLineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its terminator, or null at the end of input. */
    public Line next() throws IOException {
        buffer.reset();
        boolean tooLong = false;
        boolean any = false;
        while (position < limit || fill()) {
            any = true;
            int start = position;
            while (position < limit && chunk[position] != '\n') {
                position++;
            }
            int length = position - start;
            if (!tooLong && buffer.size() + length > maxBytes) {
                tooLong = true;
                buffer.reset();
            }
            if (!tooLong) {
                buffer.write(chunk, start, length);
            }
            if (position < limit) {
                position++;
                break;
            }
        }
        if (!any) {
            return null;
        }
        if (tooLong) {
            return new Line(null, "line longer than " + maxBytes + " bytes");
        }
        byte[] bytes = buffer.toByteArray();
        int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        ByteBuffer line = ByteBuffer.wrap(bytes, 0, end);
        try {
            return new Line(utf8.reset().decode(line).toString(), null);
        } catch (CharacterCodingException e) {
            // the decoder stops at the first bad byte: the buffer's position is its offset in the line
            return new Line(null, "not valid UTF-8 at byte " + (line.position() + 1) + " of the line");
        }
    }

    /** Reads the next bytes; false at the end of input. */
    private boolean fill() throws IOException {
        int read = in.read(chunk, 0, chunk.length);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }
}
