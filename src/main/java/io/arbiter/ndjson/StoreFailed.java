package io.arbiter.ndjson;

import org.infinispan.commons.CacheException;

/**
 * The store failed part-way through an import: the lines before {@code failedLine} were handled ({@code handled}
 * says how), none from it on. Imports are idempotent per line, so the caller resends from that line.
 */
public final class StoreFailed extends RuntimeException {

    private final long failedLine;
    private final String handled;

    public StoreFailed(long failedLine, String handled, CacheException cause) {
        super("the store failed at line " + failedLine, cause);
        this.failedLine = failedLine;
        this.handled = handled;
    }

    public long failedLine() {
        return failedLine;
    }

    public String handled() {
        return handled;
    }
}
