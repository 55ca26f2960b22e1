package io.arbiter.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The population stability index against examples computed by hand, with the smoothing of empty cells. */
class PsiTest {

    @Test
    void aShiftFromHalfAndHalfToFourFifthsIsMajor() {
        // shares after adding 0.5 per cell: e = 50.5/101 = 0.5 each; a = 80.5/101 = 0.797030, 20.5/101 = 0.202970
        // (0.797030 - 0.5) * ln(0.797030 / 0.5) + (0.202970 - 0.5) * ln(0.202970 / 0.5) = 0.138498 + 0.267789
        Psi psi = Psi.between(Map.of("A", 50L, "B", 50L), Map.of("A", 80L, "B", 20L));
        assertEquals(0.4062868, psi.value(), 1e-6);
        assertEquals(Psi.Band.MAJOR, psi.band());
    }

    @Test
    void aCategoryEmptyOnOneSideIsSmoothedNotInfinite() {
        // B never occurred in the baseline: e = 10.5/11, 0.5/11; a = 5.5/11, 5.5/11
        // (0.5 - 0.954545) * ln(0.5 / 0.954545) + (0.5 - 0.045455) * ln(0.5 / 0.045455) = 0.293933 + 1.089941
        Psi psi = Psi.between(Map.of("A", 10L), Map.of("A", 5L, "B", 5L));
        assertEquals(1.3838738, psi.value(), 1e-6);
        assertEquals(Psi.Band.MAJOR, psi.band());
    }

    @Test
    void aSmallShiftOfTiersIsStable() {
        // e = 30.5/101.5, 50.5/101.5, 20.5/101.5; a = 25.5/101.5, 50.5/101.5, 25.5/101.5 (three cells, +1.5 in all)
        Psi psi = Psi.between(Map.of("GOLD", 30L, "SILVER", 50L, "BRONZE", 20L),
                Map.of("GOLD", 25L, "SILVER", 50L, "BRONZE", 25L));
        assertEquals(0.0195715, psi.value(), 1e-6);
        assertEquals(Psi.Band.STABLE, psi.band());
    }

    @Test
    void theSameDistributionIsZeroAndNoDecisionsIsNoIndex() {
        assertEquals(0.0, Psi.between(Map.of("A", 30L, "B", 10L), Map.of("A", 30L, "B", 10L)).value(), 1e-12);
        // the smoothing weighs on small counts: the same shares from 4 and from 400 decisions differ a little
        assertEquals(Psi.Band.STABLE, Psi.between(Map.of("A", 3L, "B", 1L), Map.of("A", 300L, "B", 100L)).band());
        assertNull(Psi.between(Map.of(), Map.of("A", 1L)));
        assertNull(Psi.between(Map.of("A", 1L), Map.of("A", 0L)));
    }

    @Test
    void bandsFollowTheConvention() {
        assertEquals(Psi.Band.STABLE, Psi.band(0.0999));
        assertEquals(Psi.Band.MODERATE, Psi.band(0.10));
        assertEquals(Psi.Band.MODERATE, Psi.band(0.25));
        assertEquals(Psi.Band.MAJOR, Psi.band(0.2501));
    }
}
