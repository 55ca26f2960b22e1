package io.arbiter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A service stopped (SIGTERM) as soon as it is ready, as a rolling update or a failed probe does, stops cleanly and
 * without one ERROR in its log. Infinispan's own shutdown hook stopped the cache container while Quarkus was still
 * shutting down, and every quick stop logged an ERROR that operators learn to ignore, hiding the ones that matter.
 */
class QuickStopIT {

    @Test
    void aServiceStoppedAsSoonAsItIsReadyStopsWithoutAnError() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "quick-stop-it"));
        Path dataDir = Files.createTempDirectory(dir, "data");
        Path log = dir.resolve("service-" + dataDir.getFileName() + ".log");
        try (ServiceProcess service = ServiceProcess.start(dataDir, log)) {
            int status = service.stop(Duration.ofSeconds(60));
            // 143 is the JVM's status after SIGTERM (128 + 15) once its shutdown hooks have run
            assertTrue(status == 0 || status == 143, "exit status " + status + "; the log:\n" + service.logTail());
            List<String> errors = Files.readAllLines(log).stream().filter(line -> line.contains(" ERROR ")).toList();
            assertEquals(List.of(), errors, "ERROR lines at a quick stop");
        }
    }
}
