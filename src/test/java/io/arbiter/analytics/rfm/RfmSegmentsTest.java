package io.arbiter.analytics.rfm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.DecisionSetCompilationException;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.engine.RandomFacts;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.repository.ShippedBundles;

class RfmSegmentsTest {

    private static CompiledDecisionSet shipped;

    @BeforeAll
    static void compile() throws DecisionSetCompilationException {
        shipped = new DecisionSetCompiler(true).compile(ShippedBundles.load("rfm-segments"), 1);
    }

    @Test
    void everyScoreCombinationHasOneOfTheElevenSegments() {
        RfmSegments segments = new RfmSegments(new DecisionPipeline(), shipped);
        Set<String> seen = new TreeSet<>();
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    seen.add(segments.segment(r, f, m));
                }
            }
        }
        assertEquals(new TreeSet<>(Set.of("Champions", "Loyal", "Potential Loyalist", "New", "Promising",
                "Need Attention", "About To Sleep", "At Risk", "Cannot Lose Them", "Hibernating", "Lost")), seen);
    }

    @Test
    void segmentsFollowRecencyAndTheMeanOfFrequencyAndMonetary() {
        RfmSegments segments = new RfmSegments(new DecisionPipeline(), shipped);
        assertEquals("Champions", segments.segment(5, 5, 3));
        assertEquals("Loyal", segments.segment(4, 3, 4));
        assertEquals("Potential Loyalist", segments.segment(5, 2, 3));
        assertEquals("New", segments.segment(5, 1, 2));
        assertEquals("Promising", segments.segment(4, 1, 1));
        assertEquals("Need Attention", segments.segment(3, 2, 3));
        assertEquals("About To Sleep", segments.segment(3, 1, 2));
        assertEquals("Cannot Lose Them", segments.segment(1, 5, 4));
        assertEquals("At Risk", segments.segment(2, 4, 3));
        assertEquals("Hibernating", segments.segment(2, 2, 3));
        assertEquals("Lost", segments.segment(1, 1, 4));
    }

    @Test
    void quintilesScoreTheFifthsOfThePopulationAndTiesAlike() {
        double[] values = new double[100];
        for (int i = 0; i < 100; i++) {
            values[i] = 99 - i;
        }
        QuintileScale scale = QuintileScale.of(values, 100);
        assertEquals(1, scale.score(0));
        assertEquals(1, scale.score(19));
        assertEquals(2, scale.score(20));
        assertEquals(3, scale.score(59));
        assertEquals(5, scale.score(80));
        assertEquals(5, scale.score(1_000));
        double[] mostlyZero = new double[10];
        mostlyZero[9] = 7;
        QuintileScale ties = QuintileScale.of(mostlyZero, 10);
        assertEquals(1, ties.score(0));
        assertEquals(5, ties.score(7));
        assertThrows(IllegalArgumentException.class, () -> QuintileScale.of(new double[0], 0));
    }

    @Test
    void recencyScoresTheMostRecentHighest() {
        RfmPopulation population = new RfmPopulation();
        RandomFacts random = new RandomFacts(3);
        CustomerFacts recent = null;
        CustomerFacts dormant = null;
        for (int i = 0; i < 2_000; i++) {
            CustomerFacts facts = random.next("c" + i);
            population.add(facts);
            recent = recent == null || facts.recencyDays() < recent.recencyDays() ? facts : recent;
            dormant = dormant == null || facts.recencyDays() > dormant.recencyDays() ? facts : dormant;
        }
        RfmPopulation.RfmScales scales = population.scales();
        assertEquals(5, scales.r(recent));
        assertEquals(1, scales.r(dormant));
        assertEquals(5, scales.m(new CustomerFacts("x", null, null, null, null, 0, 0, new BigDecimal("1E9"), null,
                null, 0, 0, 0, 0, false, null, null, 0, null, null, null, null)));
    }
}
