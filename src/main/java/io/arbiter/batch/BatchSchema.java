package io.arbiter.batch;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.types.java.CommonTypes;

/** ProtoStream schema of batch jobs and their checkpoints. */
@ProtoSchema(
        includeClasses = {BatchJob.class, JobFilter.class, JobMode.class, JobStatus.class, JobTally.class,
                MigrationCell.class},
        dependsOn = CommonTypes.class,
        schemaPackageName = "arbiter",
        schemaFileName = "arbiter-batch.proto",
        schemaFilePath = "proto")
public interface BatchSchema extends GeneratedSchema {
}
