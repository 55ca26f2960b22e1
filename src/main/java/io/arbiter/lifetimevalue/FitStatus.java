package io.arbiter.lifetimevalue;

import org.infinispan.protostream.annotations.Proto;

/** Where a lifetime-value model fit stands. */
@Proto
public enum FitStatus {
    RUNNING, COMPLETED, FAILED
}
