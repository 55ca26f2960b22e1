package io.arbiter.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.engine.SlowBundles;
import io.arbiter.validation.BundleValidator;
import io.arbiter.validation.ValidationReport;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Nodes of a new cluster install the shipped sets at once: what another node stored first as version 1 is never
 * overwritten, a node that ships other files installs nothing, and one that ships the same files completes the
 * install another node began.
 */
@QuarkusTest
class ShippedBootstrapTest {

    @Inject
    DecisionRepository repository;

    @Inject
    RepositoryCaches caches;

    @Test
    void aNodeShippingOtherFilesThanTheStoredVersionOneInstallsNothing() {
        String set = "boot-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> firstImage = SlowBundles.customerValueWith(set, Map.of());
        caches.versionFiles().put(StoredVersion.key(set, 1), new VersionFiles(firstImage));
        Map<String, String> otherImage = new LinkedHashMap<>(firstImage);
        otherImage.computeIfPresent("retention-actions.drl", (file, text) -> text + "\n// another image\n");

        assertFalse(repository.bootstrap(shipped(set, otherImage)));
        assertEquals(firstImage, caches.versionFiles().get(StoredVersion.key(set, 1)).files(), "not overwritten");
        assertNull(caches.versions().get(StoredVersion.key(set, 1)));
        assertTrue(repository.find(set).isEmpty(), "left to the node whose files are stored");
    }

    @Test
    void aNodeShippingTheSameFilesCompletesTheInstallAndKeepsTheFirstRecord() {
        String set = "boot-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> files = SlowBundles.customerValueWith(set, Map.of());
        Instant first = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        StoredVersion byFirstNode = new StoredVersion(set, 1, List.of(), "system", first, 0, "shipped with the service",
                VersionStatus.VALIDATED, List.of());
        caches.versionFiles().put(StoredVersion.key(set, 1), new VersionFiles(files));
        caches.versions().put(StoredVersion.key(set, 1), byFirstNode);

        assertTrue(repository.bootstrap(shipped(set, files)));
        assertEquals(byFirstNode, caches.versions().get(StoredVersion.key(set, 1)), "the first record stays");
        assertEquals(1, repository.find(set).orElseThrow().activeVersion());
        assertFalse(repository.bootstrap(shipped(set, files)), "installed once");
    }

    private static ShippedSets.Prepared shipped(String set, Map<String, String> files) {
        return new ShippedSets.Prepared(new DecisionSetBundle(set, files),
                new BundleValidator.ValidatedBundle(new ValidationReport(List.of()), Optional.empty()));
    }
}
