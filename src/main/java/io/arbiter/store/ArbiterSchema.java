package io.arbiter.store;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.types.java.CommonTypes;

import io.arbiter.analytics.FitStatus;
import io.arbiter.analytics.ModelPointer;
import io.arbiter.analytics.StoredFit;
import io.arbiter.events.CustomerEvent;
import io.arbiter.events.EventLog;
import io.arbiter.events.EventType;
import io.arbiter.facts.Consent;
import io.arbiter.facts.EventSummary;
import io.arbiter.facts.RfmScore;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.Segment;
import io.arbiter.repository.AuditEntry;
import io.arbiter.repository.ReportEntry;
import io.arbiter.repository.SetPointer;
import io.arbiter.repository.StoredVersion;
import io.arbiter.repository.VersionStatus;

/** ProtoStream schema of everything Arbiter stores in Infinispan; the marshallers are generated at build time. */
@ProtoSchema(
        includeClasses = {CustomerFacts.class, Consent.class, Segment.class, EventSummary.class, RfmScore.class,
                EventLog.class, CustomerEvent.class, EventType.class, StoredFit.class, FitStatus.class, ModelPointer.class, StoredVersion.class, SetPointer.class,
                ReportEntry.class, VersionStatus.class, AuditEntry.class},
        dependsOn = CommonTypes.class,
        schemaPackageName = "arbiter",
        schemaFileName = "arbiter.proto",
        schemaFilePath = "proto")
public interface ArbiterSchema extends GeneratedSchema {
}
