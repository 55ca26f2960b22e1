package io.arbiter.alerting;

import java.time.Instant;

import org.infinispan.protostream.annotations.Proto;

/**
 * An alert as kept: its id ({@code <cursor>-<index>}: the change-feed item it was derived from and its place among
 * that change's alerts), the customer and the change (set, version, arm, tier and grade before and after, when it was
 * decided), what the rule raised (rule, level, code, message), and who acknowledged it when (null until then).
 */
@Proto
public record StoredAlert(String id, long cursor, String customerId, String decisionSet, long version, String arm,
                          String previousTier, String previousGrade, String tier, String grade, String rule,
                          String level, String code, String message, Instant raisedAt, String acknowledgedBy,
                          Instant acknowledgedAt) {

    public boolean acknowledged() {
        return acknowledgedBy != null;
    }

    StoredAlert acknowledge(String who, Instant at) {
        return new StoredAlert(id, cursor, customerId, decisionSet, version, arm, previousTier, previousGrade, tier,
                grade, rule, level, code, message, raisedAt, who, at);
    }
}
