package io.arbiter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * kill -9 while versions are being published and activated: after the restart the repository is whole. The
 * active version exists and was validated, every listed version can be read with its files, and decisions come
 * from the active version.
 */
class RepositoryCrashIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SET = "crash-set";

    @Test
    void publicationAndActivationSurviveKill9() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "crash-it"));
        Path dataDir = Files.createTempDirectory(dir, "repo");
        Path log = dir.resolve("repository-" + dataDir.getFileName() + ".log");
        String bundle = JSON.writeValueAsString(Map.of("files", ShippedCopy.files(SET), "comment", "crash test"));
        AtomicInteger activations = new AtomicInteger();

        try (ServiceProcess service = ServiceProcess.start(dataDir, log)) {
            AtomicBoolean killed = new AtomicBoolean();
            Thread churn = new Thread(() -> {
                while (!killed.get()) {
                    try {
                        HttpResponse<String> published = service.post("/api/v1/decision-sets/" + SET + "/versions",
                                bundle, "analyst");
                        if (published.statusCode() == 201) {
                            long version = JSON.readTree(published.body()).get("version").asLong();
                            if (service.post("/api/v1/decision-sets/" + SET + "/versions/" + version + "/activate",
                                    "", "approver").statusCode() == 200) {
                                activations.incrementAndGet();
                            }
                        }
                    } catch (Exception connectionLost) {
                        return;
                    }
                }
            });
            churn.start();
            while (activations.get() < 4) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
            service.kill();
            killed.set(true);
            churn.join();
        }

        try (ServiceProcess restarted = ServiceProcess.start(dataDir, log)) {
            JsonNode set = JSON.readTree(restarted.get("/api/v1/decision-sets/" + SET, "analyst").body());
            long active = set.get("activeVersion").asLong();
            assertTrue(active >= 4, "activations before the kill survive: " + set);
            int activeCount = 0;
            for (JsonNode version : set.get("versions")) {
                long v = version.get("version").asLong();
                HttpResponse<String> detail = restarted.get("/api/v1/decision-sets/" + SET + "/versions/" + v, "analyst");
                assertEquals(200, detail.statusCode());
                assertEquals(ShippedCopy.files(SET).size(), JSON.readTree(detail.body()).get("files").size(),
                        "version " + v + " is whole");
                if (version.get("status").asText().equals("ACTIVE")) {
                    activeCount++;
                    assertEquals(active, v);
                }
            }
            assertEquals(1, activeCount, "exactly one active version: " + set);
            HttpResponse<String> decision = restarted.post("/api/v1/decisions/" + SET + "/evaluate",
                    "{\"facts\": " + FACTS + "}", "channel");
            assertEquals(200, decision.statusCode(), decision.body());
            assertEquals(active, JSON.readTree(decision.body()).get("version").asLong());
        }
    }

    private static final String FACTS = "{\"customerId\":\"k\",\"segment\":\"RETAIL\",\"country\":\"NL\","
            + "\"joinedOn\":\"2018-05-05\",\"consent\":{\"marketing\":true,\"profiling\":true},\"recencyDays\":3,"
            + "\"frequency12m\":9,\"monetary12m\":900,\"maxDaysPastDue\":0,\"missedPayments12m\":0,"
            + "\"chargebacks12m\":0,\"complaints90d\":0,\"fraudFlag\":false}";

}
