package io.arbiter.history;

import org.infinispan.protostream.annotations.Proto;

/**
 * Cursors {@code from..to} a node has taken for feed items it is writing, under one lease; readers stop below them.
 */
@Proto
public record FeedRange(String node, long from, long to, String lease) {
}
