package io.arbiter.analytics.rfm;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.DecisionEvaluationException;
import io.arbiter.engine.DecisionPipeline;

/**
 * The segment of every score combination, from one version of the RFM decision set. The segment depends on the three
 * scores alone, so the 125 combinations are decided once per refresh through the pipeline and looked up per customer.
 */
public final class RfmSegments {

    /** The decision of the RFM set whose result is the segment (mapped in its manifest's outputs). */
    public static final String OUTPUT = "rfmSegment";

    private final String[] segments = new String[125];

    public RfmSegments(DecisionPipeline pipeline, CompiledDecisionSet set) {
        String decision = set.manifest().decisionFor(OUTPUT);
        if (decision == null) {
            throw new DecisionEvaluationException(set.name(), set.version(),
                    List.of("the manifest maps no decision to output " + OUTPUT));
        }
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    Map<String, Object> inputs = Map.of("rScore", BigDecimal.valueOf(r), "fScore", BigDecimal.valueOf(f),
                            "mScore", BigDecimal.valueOf(m));
                    Object segment = pipeline.evaluateDmn(set, inputs).outputs().get(decision);
                    if (!(segment instanceof String text)) {
                        throw new DecisionEvaluationException(set.name(), set.version(), List.of("decision " + decision
                                + " gave " + segment + " for R=" + r + " F=" + f + " M=" + m + ", not a segment name"));
                    }
                    segments[index(r, f, m)] = text;
                }
            }
        }
    }

    public String segment(int r, int f, int m) {
        return segments[index(r, f, m)];
    }

    private static int index(int r, int f, int m) {
        return (r - 1) * 25 + (f - 1) * 5 + (m - 1);
    }
}
