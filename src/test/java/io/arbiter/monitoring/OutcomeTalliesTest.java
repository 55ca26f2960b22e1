package io.arbiter.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.Explanation;
import io.quarkus.test.junit.QuarkusTest;

/** Counts survive being written and let go of on this node, and go on from where they were when the scope comes back. */
@QuarkusTest
class OutcomeTalliesTest {

    @Inject
    OutcomeTallies tallies;

    private static CustomerDecision decided(String tier) {
        return new CustomerDecision("set", 1, "someone", tier, "A", false, List.of(), new HashMap<>(),
                new Explanation(List.of(), List.of(), null), Instant.now(), 1, null);
    }

    @Test
    void aScopeLetGoOfIsReadFromItsEntryAndTakenUpAgainFromIt() {
        String scope = "test/" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            tallies.decided(scope, decided("GOLD"));
        }
        assertEquals(3, tallies.read(scope).decisions(), "counted live");
        tallies.flush();
        tallies.letGoOfIdle(0);
        assertEquals(3, tallies.read(scope).decisions(), "read from the entry this node wrote");
        tallies.decided(scope, decided("SILVER"));
        OutcomeCounts counts = tallies.read(scope);
        assertEquals(4, counts.decisions(), "taken up again from the entry, not from zero");
        assertEquals(Map.of("GOLD", 3L, "SILVER", 1L), counts.valueTiers());
        tallies.flush();
        tallies.letGoOfIdle(0);
        assertEquals(4, tallies.read(scope).decisions(), "the entry holds all four");
    }
}
