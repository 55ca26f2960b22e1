package io.arbiter.audit;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.types.java.CommonTypes;

/** ProtoStream schema of the audit chain. */
@ProtoSchema(
        includeClasses = {AuditRecord.class, AuditCheckpoint.class},
        dependsOn = CommonTypes.class,
        schemaPackageName = "arbiter",
        schemaFileName = "arbiter-audit.proto",
        schemaFilePath = "proto")
public interface AuditSchema extends GeneratedSchema {
}
