package io.arbiter.monitoring;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.types.java.CommonTypes;

/** ProtoStream schema of outcome counts and drift alerts. */
@ProtoSchema(
        includeClasses = {OutcomeCounts.class, DriftAlert.class},
        dependsOn = CommonTypes.class,
        schemaPackageName = "arbiter",
        schemaFileName = "arbiter-monitoring.proto",
        schemaFilePath = "proto")
public interface MonitoringSchema extends GeneratedSchema {
}
