package io.arbiter.history;

import java.time.Instant;

import org.infinispan.protostream.annotations.Proto;

/** How far a follower of the change feed has handled it: every item up to cursor {@code after}, stored at {@code at}. */
@Proto
public record FeedCheckpoint(long after, Instant at) {
}
