package io.arbiter.store;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.types.java.CommonTypes;

import io.arbiter.facts.Consent;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.Segment;

/** ProtoStream schema of everything Arbiter stores in Infinispan; the marshallers are generated at build time. */
@ProtoSchema(
        includeClasses = {CustomerFacts.class, Consent.class, Segment.class},
        dependsOn = CommonTypes.class,
        schemaPackageName = "arbiter",
        schemaFileName = "arbiter.proto",
        schemaFilePath = "proto")
public interface ArbiterSchema extends GeneratedSchema {
}
