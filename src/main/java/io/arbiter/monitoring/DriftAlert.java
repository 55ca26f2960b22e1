package io.arbiter.monitoring;

import java.time.Instant;

import org.infinispan.protostream.annotations.Proto;

/**
 * The distribution of one outcome ({@code valueTier} or {@code riskGrade}) of a decision set shifted into the major
 * band in a window, against the baseline window: recorded once per set, window and outcome.
 */
@Proto
public record DriftAlert(String decisionSet, String dimension, Instant window, Instant baseline, double psi,
                         long activeVersion, Instant raisedAt) {

    String key() {
        return decisionSet + "/" + window.getEpochSecond() + "/" + dimension;
    }
}
