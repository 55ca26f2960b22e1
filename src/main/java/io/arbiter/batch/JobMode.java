package io.arbiter.batch;

import org.infinispan.protostream.annotations.Proto;

/** APPLY stores every decision; DRY_RUN stores nothing and only reports. */
@Proto
public enum JobMode {
    APPLY, DRY_RUN
}
