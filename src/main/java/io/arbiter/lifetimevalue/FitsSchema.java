package io.arbiter.lifetimevalue;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.types.java.CommonTypes;

/** ProtoStream schema of the stored lifetime-value fits. */
@ProtoSchema(
        includeClasses = {StoredFit.class, FitStatus.class, ModelPointer.class},
        dependsOn = CommonTypes.class,
        schemaPackageName = "arbiter",
        schemaFileName = "arbiter-fits.proto",
        schemaFilePath = "proto")
public interface FitsSchema extends GeneratedSchema {
}
