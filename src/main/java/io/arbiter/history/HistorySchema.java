package io.arbiter.history;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;
import org.infinispan.protostream.types.java.CommonTypes;

/** ProtoStream schema of stored decisions, their history and the change feed. */
@ProtoSchema(
        includeClasses = {DecisionOutcome.class, LatestDecision.class, HistoryEntry.class, CustomerDecisionLog.class,
                DecisionChange.class, SequenceBlock.class, FeedAllocation.class, FeedRange.class,
                FeedCheckpoint.class},
        dependsOn = CommonTypes.class,
        schemaPackageName = "arbiter",
        schemaFileName = "arbiter-history.proto",
        schemaFilePath = "proto")
public interface HistorySchema extends GeneratedSchema {
}
