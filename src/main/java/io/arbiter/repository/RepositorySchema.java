package io.arbiter.repository;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.types.java.CommonTypes;

/** ProtoStream schema of the decision repository's records. */
@ProtoSchema(
        includeClasses = {StoredVersion.class, SetPointer.class, StoredFile.class, VersionFiles.class, ReportEntry.class,
                VersionStatus.class, Rollout.class},
        dependsOn = CommonTypes.class,
        schemaPackageName = "arbiter",
        schemaFileName = "arbiter-repository.proto",
        schemaFilePath = "proto")
public interface RepositorySchema extends GeneratedSchema {
}
