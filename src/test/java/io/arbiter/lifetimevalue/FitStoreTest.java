package io.arbiter.lifetimevalue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.arbiter.analytics.clv.BgNbdFit;
import io.arbiter.analytics.clv.BgNbdParameters;
import io.arbiter.analytics.clv.GammaGammaFit;
import io.arbiter.analytics.clv.GammaGammaParameters;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The pointer is the one source of which fit is current: a fit never reads as completed without being current, not
 * even between the pointer's switch and the rewrite of its record, and a crash in between is repaired at start.
 */
@QuarkusTest
class FitStoreTest {

    /** As the store keeps it: ProtoStream writes an instant in milliseconds. */
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Inject
    FitStore store;

    @Inject
    FitCaches caches;

    /** The fit the other tests of this profile score with, put back after each test. */
    private ModelPointer pointerBefore;

    @BeforeEach
    void keepPointer() {
        store.nextId(); // so that there is a pointer
        pointerBefore = caches.pointer().get("clv");
    }

    @AfterEach
    void restorePointer() {
        caches.pointer().put("clv", new ModelPointer(caches.pointer().get("clv").latest(), pointerBefore.current(),
                pointerBefore.currentFit()));
    }

    @Test
    void aFitReadsAsCompletedOnlyOnceItIsCurrentAndACrashBeforeItsRecordIsRepaired() {
        StoredFit running = StoredFit.running(store.nextId(), LocalDate.of(1997, 9, 30), "analyst", NOW);
        store.save(running);
        StoredFit completed = completed(running);

        // the switch alone, as a crash right after it leaves it: the record still says RUNNING
        caches.pointer().put("clv", new ModelPointer(caches.pointer().get("clv").latest(), completed.id(), completed));
        assertEquals(FitStatus.RUNNING, caches.fits().get(Long.toString(running.id())).status());

        assertEquals(completed, store.find(completed.id()).orElseThrow(), "read through the pointer");
        assertEquals(completed, store.current().orElseThrow());
        assertEquals(FitStatus.COMPLETED, store.all().stream().filter(f -> f.id() == completed.id()).findFirst()
                .orElseThrow().status());

        store.restoreCurrentRecord();
        assertEquals(completed, caches.fits().get(Long.toString(completed.id())), "the record, as at a restart");
    }

    @Test
    void makingAFitCurrentSwitchesThePointerAndWritesTheRecordAndRefusesAnUncompletedOne() {
        StoredFit running = StoredFit.running(store.nextId(), LocalDate.of(1997, 9, 30), "analyst", NOW);
        store.save(running);
        assertThrows(FitNotCompletedException.class, () -> store.makeCurrent(running));

        StoredFit completed = completed(running);
        store.makeCurrent(completed);
        assertEquals(completed.id(), store.currentId());
        assertEquals(completed, caches.pointer().get("clv").currentFit());
        assertEquals(completed, caches.fits().get(Long.toString(completed.id())));
        assertEquals(completed.id(), store.nextId() - 1, "ids go on from the pointer's latest");
    }

    @Test
    void aPointerStoredBeforeItHeldTheFitScoresWithTheCompletedRecordItNames() {
        StoredFit completed = completed(StoredFit.running(store.nextId(), LocalDate.of(1997, 9, 30), "analyst", NOW));
        store.save(completed);
        caches.pointer().put("clv", new ModelPointer(caches.pointer().get("clv").latest(), completed.id(), null));
        assertEquals(completed, store.current().orElseThrow());

        StoredFit failed = StoredFit.running(store.nextId(), LocalDate.of(1997, 9, 30), "analyst", NOW)
                .failed("no purchases", 10L);
        store.save(failed);
        caches.pointer().put("clv", new ModelPointer(caches.pointer().get("clv").latest(), failed.id(), null));
        assertTrue(store.current().isEmpty(), "only a completed fit scores");
    }

    private static StoredFit completed(StoredFit running) {
        return running.completed(2357, new BgNbdFit(new BgNbdParameters(0.243, 4.414, 0.793, 2.426), -9582.4, 2357),
                new GammaGammaFit(new GammaGammaParameters(6.25, 3.74, 15.44), -4000.0, 946, 0), 1200);
    }
}
