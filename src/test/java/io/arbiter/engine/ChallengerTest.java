package io.arbiter.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** How a canary splits customers: stable, in proportion, monotonic in its share, and fresh for each rollout. */
class ChallengerTest {

    private static final int CUSTOMERS = 10_000;
    private static final List<String> IDS = IntStream.range(0, CUSTOMERS).mapToObj(i -> "cust-" + i).toList();

    private static Challenger canary(String rolloutId, int basisPoints) {
        return new Challenger(rolloutId, RolloutMode.CANARY, basisPoints, null);
    }

    private static Set<String> challengers(Challenger challenger) {
        Set<String> chosen = new HashSet<>();
        IDS.stream().filter(challenger::decides).forEach(chosen::add);
        return chosen;
    }

    @Test
    void aCustomerKeepsItsArmForTheWholeRollout() {
        String rollout = UUID.randomUUID().toString();
        Challenger twenty = canary(rollout, 2_000);
        Set<String> first = challengers(twenty);
        // another snapshot of the same rollout (another node, a restart) splits the same way
        assertEquals(first, challengers(canary(rollout, 2_000)));
        for (String id : IDS) {
            assertEquals(first.contains(id), twenty.decides(id), id);
        }
    }

    @Test
    void theChallengersShareIsWithinBinomialBounds() {
        String rollout = UUID.randomUUID().toString();
        for (int basisPoints : new int[] {500, 2_000, 5_000}) {
            double p = basisPoints / 10_000.0;
            double expected = CUSTOMERS * p;
            // 4.5 standard deviations: a correct split fails once in about 150,000 runs
            double bound = 4.5 * Math.sqrt(CUSTOMERS * p * (1 - p));
            int got = challengers(canary(rollout, basisPoints)).size();
            assertTrue(Math.abs(got - expected) <= bound,
                    basisPoints / 100 + "%: " + got + " challengers, expected " + expected + " +- " + bound);
        }
    }

    @Test
    void rampingUpMovesCustomersOnlyToTheChallenger() {
        String rollout = UUID.randomUUID().toString();
        Set<String> previous = Set.of();
        for (int basisPoints : new int[] {0, 1, 500, 2_000, 5_000, 9_999, 10_000}) {
            Set<String> now = challengers(canary(rollout, basisPoints));
            assertTrue(now.containsAll(previous), "a customer went back to the champion at " + basisPoints);
            previous = now;
        }
        assertEquals(CUSTOMERS, previous.size());
        assertTrue(challengers(canary(rollout, 0)).isEmpty());
    }

    @Test
    void eachRolloutSplitsAfreshAndAShadowDecidesNobody() {
        Set<String> a = challengers(canary(UUID.randomUUID().toString(), 5_000));
        Set<String> b = challengers(canary(UUID.randomUUID().toString(), 5_000));
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        // independent halves overlap in about a quarter of the customers (sd 43)
        assertTrue(Math.abs(both.size() - CUSTOMERS / 4.0) < 250, both.size() + " in both halves");
        Challenger shadow = new Challenger(UUID.randomUUID().toString(), RolloutMode.SHADOW, 10_000, null);
        assertFalse(IDS.stream().anyMatch(shadow::decides));
    }
}
