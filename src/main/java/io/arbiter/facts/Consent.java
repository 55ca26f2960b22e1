package io.arbiter.facts;

import org.infinispan.protostream.annotations.Proto;

/** What the customer agreed to: marketing contact and profiling (GDPR art. 6/21, PIPL art. 13/24). */
@Proto
public record Consent(boolean marketing, boolean profiling) {
}
