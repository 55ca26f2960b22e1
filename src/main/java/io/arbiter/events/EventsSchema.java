package io.arbiter.events;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.types.java.CommonTypes;

/** ProtoStream schema of the stored event logs. */
@ProtoSchema(
        includeClasses = StoredEventLog.class,
        dependsOn = CommonTypes.class,
        schemaPackageName = "arbiter",
        schemaFileName = "arbiter-events.proto",
        schemaFilePath = "proto")
public interface EventsSchema extends GeneratedSchema {
}
