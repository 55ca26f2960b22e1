package io.arbiter.facts;

import org.infinispan.protostream.annotations.Proto;

/** Commercial segment of a customer. */
@Proto
public enum Segment {
    RETAIL, SME, CORPORATE
}
