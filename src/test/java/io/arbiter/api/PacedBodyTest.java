package io.arbiter.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class PacedBodyTest {

    /** A body whose every read makes the client's clock pass {@code nanosPerRead} and yields one byte. */
    private static final class Trickle extends InputStream {
        private final long[] clock;
        private final long nanosPerRead;
        private int left;

        Trickle(long[] clock, long nanosPerRead, int bytes) {
            this.clock = clock;
            this.nanosPerRead = nanosPerRead;
            this.left = bytes;
        }

        @Override
        public int read() {
            clock[0] += nanosPerRead;
            return left-- > 0 ? 'x' : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            int b = read();
            if (b < 0) {
                return -1;
            }
            buffer[offset] = (byte) b;
            return 1;
        }
    }

    private final long[] clock = {0};

    @Test
    void aBodyTricklingOneByteEveryFewSecondsIsCutOnceTheGraceHasPassed() {
        InputStream body = new PacedBody(new Trickle(clock, Duration.ofSeconds(3).toNanos(), 1_000), 1024,
                Duration.ofSeconds(10), () -> clock[0]);
        PacedBody.TooSlow cut = assertThrows(PacedBody.TooSlow.class, body::readAllBytes);
        assertTrue(clock[0] <= Duration.ofSeconds(15).toNanos(), "cut within a read of the grace: " + clock[0]);
        assertTrue(cut.getMessage().contains("at least 1024 bytes/s"), cut.getMessage());
    }

    @Test
    void aBodyAtThePaceIsReadWhole() throws IOException {
        // 1 ms a byte: 1,000 bytes a second, over the 512 required
        InputStream body = new PacedBody(new Trickle(clock, Duration.ofMillis(1).toNanos(), 30_000), 512,
                Duration.ofSeconds(10), () -> clock[0]);
        assertArrayEquals("x".repeat(30_000).getBytes(), body.readAllBytes());
    }

    @Test
    void timeTheServerSpendsBetweenReadsIsNotTheClients() throws IOException {
        InputStream body = new PacedBody(new Trickle(clock, Duration.ofMillis(1).toNanos(), 100), 1024,
                Duration.ofSeconds(1), () -> clock[0]);
        for (int i = 0; i < 100; i++) {
            body.read();
            clock[0] += Duration.ofSeconds(5).toNanos(); // storing a batch, say
        }
        assertTrue(body.read() < 0);
    }
}
