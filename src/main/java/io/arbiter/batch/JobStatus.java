package io.arbiter.batch;

import org.infinispan.protostream.annotations.Proto;

/** Where a batch job stands; the last three are final. */
@Proto
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
