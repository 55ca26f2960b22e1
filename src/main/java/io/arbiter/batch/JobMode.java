package io.arbiter.batch;

import org.infinispan.protostream.annotations.ProtoEnumValue;

/** APPLY stores every decision; DRY_RUN stores nothing and only reports. Stored names prefixed, as in {@link JobStatus}. */
public enum JobMode {
    @ProtoEnumValue(number = 0, name = "JOB_APPLY") APPLY,
    @ProtoEnumValue(number = 1, name = "JOB_DRY_RUN") DRY_RUN
}
