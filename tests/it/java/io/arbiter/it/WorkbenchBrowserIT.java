package io.arbiter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The workbench in a real browser against the packaged service: {@code src/main/webui/e2e/workbench-flow.mjs}
 * drives Debian's Chromium with playwright-core (installed by the build's {@code npm ci}) through edit, publish,
 * activate and roll back, then through a canary rollout of a new version that is compared, ramped and promoted, and
 * saves a screenshot of each step under {@code target/workbench-screenshots}. This test then checks the repository's
 * record of what the browser did. In CI the browser must be there ({@code .ci/run} installs it); elsewhere the test
 * is skipped, loudly, without it.
 */
class WorkbenchBrowserIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path WEBUI = Path.of("src", "main", "webui");

    @Test
    void analystPublishesApproverActivatesRollsBackAndRollsOut() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            if (System.getenv("CI") != null) {
                fail("Chromium is required in CI and missing at " + CHROMIUM + "; .ci/run installs it");
            }
            Assumptions.abort("no Chromium at " + CHROMIUM + " (apt-get install chromium, or run .ci/run)");
        }
        Path dir = Files.createDirectories(Path.of("target", "workbench-it"));
        Path screenshots = Path.of("target", "workbench-screenshots");
        deleteScreenshots(screenshots);
        Path dataDir = Files.createTempDirectory(dir, "data");
        Path log = dir.resolve("service-" + dataDir.getFileName() + ".log");
        Path browserLog = dir.resolve("browser-" + dataDir.getFileName() + ".log");

        try (ServiceProcess service = ServiceProcess.start(dataDir, log)) {
            ProcessBuilder node = new ProcessBuilder("node", "e2e/workbench-flow.mjs").directory(WEBUI.toFile())
                    .redirectErrorStream(true).redirectOutput(browserLog.toFile());
            node.environment().put("BASE_URL", "http://127.0.0.1:" + service.port);
            node.environment().put("SCREENSHOTS", screenshots.toAbsolutePath().toString());
            node.environment().put("CHROMIUM", CHROMIUM.toString());
            Process flow = node.start();
            if (!flow.waitFor(5, TimeUnit.MINUTES)) {
                flow.destroyForcibly();
                fail("the browser flow did not finish within 5 minutes; see " + browserLog);
            }
            String output = Files.readString(browserLog);
            assertEquals(0, flow.exitValue(), "the browser flow failed:\n" + output + "\nthe service's log:\n"
                    + service.logTail());
            assertTrue(output.contains("workbench flow passed"), output);

            // What the browser did, as the repository recorded it
            JsonNode set = JSON.readTree(service.get("/api/v1/decision-sets/customer-value", "analyst").body());
            assertEquals(4, set.get("activeVersion").asLong(), "the canary candidate was promoted: " + set);
            JsonNode published = set.get("versions").get(1);
            assertEquals("analyst", published.get("author").asText());
            assertEquals("RETIRED", published.get("status").asText());
            assertEquals("Dormant only after 380 days", published.get("comment").asText());
            String dmn = service.get("/api/v1/decision-sets/customer-value/versions/2/files/value-tier.dmn", "analyst").body();
            assertTrue(dmn.contains("&gt; 380"), "the edited cell is in the published model");
            JsonNode candidate = set.get("versions").get(3);
            assertEquals("analyst", candidate.get("author").asText());
            assertEquals("ACTIVE", candidate.get("status").asText());
            assertEquals("Canary candidate", candidate.get("comment").asText());
            assertEquals("RETIRED", set.get("versions").get(0).get("status").asText(), "the champion gave way");
            String rollouts = service.get("/api/v1/decision-sets/customer-value/rollouts", "analyst").body();
            JsonNode rollout = JSON.readTree(rollouts).get("rollouts").get(0);
            assertEquals(List.of("CANARY", 1L, 4L, 100.0, "approver", "approver", "PROMOTED"),
                    List.of(rollout.get("mode").asText(), rollout.get("champion").asLong(),
                            rollout.get("challenger").asLong(), rollout.get("percent").asDouble(),
                            rollout.get("startedBy").asText(), rollout.get("endedBy").asText(),
                            rollout.get("ending").asText()),
                    "the rollout as the repository recorded it: " + rollouts);
            List<String> actions = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(service.get("/api/v1/audit?decisionSet=customer-value", "analyst").body())) {
                actions.add(entry.get("actor").asText() + " " + entry.get("action").asText() + " " + entry.get("version").asLong());
            }
            assertTrue(actions.containsAll(List.of("analyst PUBLISH 2", "approver ACTIVATE 2", "approver ROLLBACK 1",
                            "analyst REJECT 3", "analyst PUBLISH 4", "approver ROLLOUT_START 4", "approver ROLLOUT_RAMP 4",
                            "approver ROLLOUT_PROMOTE 4")),
                    "audit trail: " + actions);
        }
        try (Stream<Path> shots = Files.list(screenshots)) {
            assertEquals(15, shots.filter(p -> p.toString().endsWith(".png")).count(), "one screenshot per step");
        }
    }

    private static void deleteScreenshots(Path screenshots) throws Exception {
        if (Files.isDirectory(screenshots)) {
            try (Stream<Path> old = Files.list(screenshots)) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
