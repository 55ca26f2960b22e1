package io.arbiter.store;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;

/** ProtoStream schema of what the members of a cluster send each other to run. */
@ProtoSchema(
        includeClasses = {ShutdownTask.class, ShutdownStep.class},
        schemaPackageName = "arbiter",
        schemaFileName = "arbiter-store.proto",
        schemaFilePath = "proto")
public interface StoreSchema extends GeneratedSchema {
}
