package io.arbiter.facts;

import org.infinispan.protostream.annotations.Proto;

/**
 * Recency, frequency and monetary scores 1-5 by quintile over the scored population (5: most recent, most frequent,
 * highest spend), and the segment the RFM decision gave them.
 */
@Proto
public record RfmScore(int r, int f, int m, String segment) {
}
