package io.arbiter.batch;

import org.infinispan.protostream.annotations.ProtoEnumValue;

/**
 * Where a batch job stands; the last three are final. The stored names carry a prefix because protobuf enum
 * values share one namespace per schema package (other stored enums have RUNNING too).
 */
public enum JobStatus {
    @ProtoEnumValue(number = 0, name = "JOB_QUEUED") QUEUED,
    @ProtoEnumValue(number = 1, name = "JOB_RUNNING") RUNNING,
    @ProtoEnumValue(number = 2, name = "JOB_COMPLETED") COMPLETED,
    @ProtoEnumValue(number = 3, name = "JOB_FAILED") FAILED,
    @ProtoEnumValue(number = 4, name = "JOB_CANCELLED") CANCELLED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
