package io.arbiter.store;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.types.java.CommonTypes;

import io.arbiter.analytics.FitStatus;
import io.arbiter.analytics.ModelPointer;
import io.arbiter.analytics.StoredFit;
import io.arbiter.batch.BatchJob;
import io.arbiter.batch.JobFilter;
import io.arbiter.batch.JobMode;
import io.arbiter.batch.JobStatus;
import io.arbiter.batch.JobTally;
import io.arbiter.batch.MigrationCell;
import io.arbiter.events.StoredEventLog;
import io.arbiter.facts.Consent;
import io.arbiter.facts.EventSummary;
import io.arbiter.facts.RfmScore;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.Segment;
import io.arbiter.history.CustomerDecisionLog;
import io.arbiter.history.DecisionChange;
import io.arbiter.history.HistoryEntry;
import io.arbiter.history.LatestDecision;
import io.arbiter.history.Outcome;
import io.arbiter.history.SequenceBlock;
import io.arbiter.repository.AuditEntry;
import io.arbiter.repository.ReportEntry;
import io.arbiter.repository.SetPointer;
import io.arbiter.repository.StoredFile;
import io.arbiter.repository.StoredVersion;
import io.arbiter.repository.VersionFiles;
import io.arbiter.repository.VersionStatus;

/** ProtoStream schema of everything Arbiter stores in Infinispan; the marshallers are generated at build time. */
@ProtoSchema(
        includeClasses = {CustomerFacts.class, Consent.class, Segment.class, EventSummary.class, RfmScore.class,
                StoredEventLog.class, StoredFit.class, FitStatus.class, ModelPointer.class, StoredVersion.class, SetPointer.class,
                StoredFile.class, VersionFiles.class, ReportEntry.class, VersionStatus.class, AuditEntry.class,
                Outcome.class, LatestDecision.class, HistoryEntry.class, CustomerDecisionLog.class, DecisionChange.class,
                SequenceBlock.class, BatchJob.class, JobFilter.class, JobMode.class, JobStatus.class, JobTally.class,
                MigrationCell.class},
        dependsOn = CommonTypes.class,
        schemaPackageName = "arbiter",
        schemaFileName = "arbiter.proto",
        schemaFilePath = "proto")
public interface ArbiterSchema extends GeneratedSchema {
}
