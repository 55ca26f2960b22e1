package io.arbiter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * kill -9 during an APPLY job: after the restart the job resumes by itself from its checkpoint and completes with
 * every customer decided once, and the change feed (one item per history entry) holds exactly one first decision
 * per customer: none skipped, none recorded twice.
 */
class BatchCrashIT {

    private static final int CUSTOMERS = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anApplyJobKilledMidwayResumesAndRecordsEveryCustomerOnce() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "batch-crash-it"));
        Path dataDir = Files.createTempDirectory(dir, "data");
        Path log = dir.resolve("service-" + dataDir.getFileName() + ".log");
        String jobId;
        try (ServiceProcess service = ServiceProcess.start(dataDir, log)) {
            HttpResponse<String> imported = service.postNdjson("/api/v1/customers:import", customers(), "channel");
            assertEquals(200, imported.statusCode(), imported.body());
            HttpResponse<String> started = service.post("/api/v1/batch-evaluations",
                    "{\"decisionSet\": \"customer-value\", \"mode\": \"APPLY\"}", "approver");
            assertEquals(202, started.statusCode(), started.body());
            jobId = JSON.readTree(started.body()).get("id").asText();
            JsonNode job = job(service, jobId);
            while (job.get("segmentsCompleted").asInt() < 3) {
                assertEquals("RUNNING", job.get("status").asText().replace("QUEUED", "RUNNING"),
                        "the job must still run when it is killed: " + job);
                Thread.sleep(20);
                job = job(service, jobId);
            }
            // killed while RUNNING (asserted above); that it was mid-way shows as the resume after the restart, below
            service.kill();
        }

        try (ServiceProcess restarted = ServiceProcess.start(dataDir, log)) {
            JsonNode job = job(restarted, jobId);
            long deadline = System.nanoTime() + 180_000_000_000L;
            while (!job.get("status").asText().equals("COMPLETED") && System.nanoTime() < deadline) {
                assertTrue(List.of("QUEUED", "RUNNING").contains(job.get("status").asText()), job.toString());
                Thread.sleep(200);
                job = job(restarted, jobId);
            }
            assertEquals("COMPLETED", job.get("status").asText(), job.toString());
            assertEquals(CUSTOMERS, job.get("summary").get("decided").asLong(), "every customer decided once: " + job);
            assertEquals(CUSTOMERS, job.get("summary").get("changed").asLong(), job.toString());
            assertEquals(0, job.get("errors").get("count").asLong(), job.toString());

            Map<String, Integer> itemsPerCustomer = new HashMap<>();
            long after = 0;
            while (true) {
                JsonNode page = JSON.readTree(restarted.get("/api/v1/decision-changes?limit=1000&after=" + after,
                        "channel").body());
                for (JsonNode item : page.get("items")) {
                    assertTrue(item.get("before").isNull(), "a first decision: " + item);
                    itemsPerCustomer.merge(item.get("customerId").asText(), 1, Integer::sum);
                }
                if (page.get("next").asLong() == after) {
                    break;
                }
                after = page.get("next").asLong();
            }
            assertEquals(CUSTOMERS, itemsPerCustomer.size(), "no customer skipped");
            assertTrue(itemsPerCustomer.values().stream().allMatch(n -> n == 1), "none recorded twice");
            JsonNode history = JSON.readTree(restarted.get("/api/v1/customers/k-17/decisions", "channel").body());
            assertEquals(1, history.size(), history.toString());
        }
        assertTrue(Files.readString(log).contains("resuming it"), "the job was resumed after the restart");
    }

    private static JsonNode job(ServiceProcess service, String id) throws Exception {
        HttpResponse<String> response = service.get("/api/v1/batch-evaluations/" + id, "analyst");
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    /** Varied facts so that the customers spread over tiers and grades. */
    private static String customers() {
        StringBuilder ndjson = new StringBuilder(CUSTOMERS * 330);
        for (int i = 0; i < CUSTOMERS; i++) {
            ndjson.append(("{\"customerId\":\"k-%d\",\"segment\":\"%s\",\"country\":\"DE\",\"joinedOn\":\"%d-03-01\","
                    + "\"consent\":{\"marketing\":true,\"profiling\":true},\"recencyDays\":%d,\"frequency12m\":%d,"
                    + "\"monetary12m\":%d.50,\"clv\":%d,\"pAlive\":0.%d,\"maxDaysPastDue\":%d,\"missedPayments12m\":%d,"
                    + "\"chargebacks12m\":0,\"complaints90d\":%d,\"fraudFlag\":false}\n").formatted(i,
                    i % 5 == 0 ? "SME" : "RETAIL", 2005 + i % 20, i % 400, i % 60, (i * 37) % 40000, (i * 91) % 150000,
                    10 + i % 89, i % 7 == 0 ? i % 120 : 0, i % 4, i % 5));
        }
        return ndjson.toString();
    }
}
