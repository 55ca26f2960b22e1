package io.arbiter.facts;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.types.java.CommonTypes;

/** ProtoStream schema of the stored facts records; the marshallers are generated at build time. */
@ProtoSchema(
        includeClasses = {CustomerFacts.class, Consent.class, Segment.class, EventSummary.class, RfmScore.class},
        dependsOn = CommonTypes.class,
        schemaPackageName = "arbiter",
        schemaFileName = "arbiter-facts.proto",
        schemaFilePath = "proto")
public interface FactsSchema extends GeneratedSchema {
}
