package io.arbiter.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A request body that must keep a minimum average pace once a grace period has passed, else a read fails with
 * {@link TooSlow}. Only the time spent waiting for the client's bytes counts, not the time the server spends between
 * reads (storing an import's batch), so a slow store never cuts a client. Vert.x's read timeout only ends a body that
 * stops altogether; one byte every few seconds kept a worker thread forever, and 200 such uploads took every worker
 * that decisions need.
 */
final class PacedBody extends FilterInputStream {

    /** The body arrived slower than the minimum pace. */
    static final class TooSlow extends IOException {
        TooSlow(String message) {
            super(message);
        }
    }

    private final long minBytesPerSecond;
    private final long graceNanos;
    private final LongSupplier nanoTime;
    private long waitedNanos;
    private long received;

    PacedBody(InputStream body, long minBytesPerSecond, Duration grace, LongSupplier nanoTime) {
        super(body);
        this.minBytesPerSecond = minBytesPerSecond;
        this.graceNanos = grace.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public int read() throws IOException {
        long before = nanoTime.getAsLong();
        int b = super.read();
        counted(before, b >= 0 ? 1 : 0);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        long before = nanoTime.getAsLong();
        int read = super.read(buffer, offset, length);
        counted(before, Math.max(read, 0));
        return read;
    }

    private void counted(long before, int bytes) throws TooSlow {
        waitedNanos += nanoTime.getAsLong() - before;
        received += bytes;
        if (waitedNanos <= graceNanos) {
            return;
        }
        double due = (waitedNanos - graceNanos) / 1e9 * minBytesPerSecond;
        if (received < due) {
            throw new TooSlow("the body arrived at " + Math.round(received / (waitedNanos / 1e9)) + " bytes/s over "
                    + Math.round(waitedNanos / 1e9) + " s of waiting; at least " + minBytesPerSecond
                    + " bytes/s are required once " + Math.round(graceNanos / 1e9) + " s have passed");
        }
    }
}
