package io.arbiter.alerting;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.types.java.CommonTypes;

/** ProtoStream schema of stored alerts. */
@ProtoSchema(
        includeClasses = {StoredAlert.class, ChangeAlerts.class},
        dependsOn = CommonTypes.class,
        schemaPackageName = "arbiter",
        schemaFileName = "arbiter-alerts.proto",
        schemaFilePath = "proto")
public interface AlertsSchema extends GeneratedSchema {
}
