package io.arbiter.lifetimevalue;

import org.infinispan.protostream.annotations.Proto;

/** The lifetime-value fits: the last id handed out and the fit whose parameters score customers (0: none). */
@Proto
public record ModelPointer(long latest, long current) {
}
