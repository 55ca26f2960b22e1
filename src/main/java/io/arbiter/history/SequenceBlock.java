package io.arbiter.history;

import org.infinispan.protostream.annotations.Proto;

/** The highest change-feed cursor handed out to this or any earlier run; a restart continues above it. */
@Proto
public record SequenceBlock(long reservedUpTo) {
}
