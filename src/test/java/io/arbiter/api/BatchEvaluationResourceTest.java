package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.batch.BatchJob;
import io.arbiter.batch.JobFilter;
import io.arbiter.batch.JobMode;
import io.arbiter.batch.JobStatus;
import io.arbiter.batch.JobTally;
import io.arbiter.batch.BatchCaches;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Batch evaluation through the API on a copy of the shipped set and customers of this run only (filtered by id
 * prefix, as the test store outlives runs): migration matrices with known counts, APPLY storing latest decisions
 * and history only on change, DRY_RUN storing nothing, compareTo against a second published version, the change
 * feed, erasure, errors on single customers, cancellation, server-sent events and bad requests.
 */
@QuarkusTest
class BatchEvaluationResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SET = "bt-" + RUN;
    private static final String PREFIX = "bt" + RUN + "-";
    /** Facts that only value-tier's catch-all row matches: BRONZE in the shipped set, SILVER in version 2. */
    private static final List<String> CATCH_ALL = List.of(PREFIX + "ca-1", PREFIX + "ca-2");
    /** The fixture facts: SILVER / A in the shipped set and in version 2. */
    private static final List<String> REGULAR = List.of(PREFIX + "r-1", PREFIX + "r-2", PREFIX + "r-3");

    private static boolean setUp;

    @Inject
    BatchCaches caches;

    /** Once per run, when the application is up (a static @BeforeAll would run before the test port is known). */
    @BeforeEach
    void setUp() throws Exception {
        synchronized (BatchEvaluationResourceTest.class) {
            if (setUp) {
                return;
            }
            setUp = true;
        }
        Map<String, String> v1 = Fixtures.copyOfShipped(SET);
        publish(v1, 1);
        as("approver").post("/api/v1/decision-sets/" + SET + "/versions/1/activate").then().statusCode(200);
        for (String id : REGULAR) {
            put(id, Fixtures.facts(id));
        }
        for (String id : CATCH_ALL) {
            put(id, catchAll(id));
        }
    }

    @Test
    void applyDryRunCompareHistoryFeedAndErasure() throws Exception {
        long feedStart = feedEnd();

        JsonPath first = finished(start("{\"decisionSet\": \"%s\", \"mode\": \"APPLY\", \"filter\": {\"customerIdPrefix\": \"%s\"}}"
                .formatted(SET, PREFIX)));
        assertEquals("COMPLETED", first.getString("status"));
        assertEquals(5, first.getInt("summary.decided"));
        assertEquals(5, first.getInt("summary.changed"));
        assertEquals(first.getLong("total"), first.getLong("processed"));
        assertEquals(first.getLong("processed") - 5, first.getLong("summary.filteredOut"));
        assertEquals(2, cell(first, "valueTier", "NONE", "BRONZE"));
        assertEquals(3, cell(first, "valueTier", "NONE", "SILVER"));
        assertEquals(5, cell(first, "riskGrade", "NONE", "A"));
        assertEquals(1, first.getInt("version"));
        assertEquals(32, first.getInt("segmentsCompleted"), "every part of the store is checkpointed");

        String catchAll = CATCH_ALL.get(0);
        as("channel").get("/api/v1/customers/" + catchAll + "/decisions").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].before", nullValue())
                .body("[0].after.valueTier", equalTo("BRONZE")).body("[0].version", equalTo(1));

        JsonPath again = finished(start("{\"decisionSet\": \"%s\", \"mode\": \"APPLY\", \"filter\": {\"customerIdPrefix\": \"%s\"}}"
                .formatted(SET, PREFIX)));
        assertEquals(0, again.getInt("summary.changed"), "nothing changed, so nothing is recorded as a change");
        assertEquals(2, cell(again, "valueTier", "BRONZE", "BRONZE"));
        as("channel").get("/api/v1/customers/" + catchAll + "/decisions").then().body("size()", equalTo(1));

        publish(v2(), 2);
        JsonPath compared = finished(start(("{\"decisionSet\": \"%s\", \"version\": 2, \"compareTo\": 1, \"mode\": \"DRY_RUN\","
                + " \"filter\": {\"customerIdPrefix\": \"%s\"}}").formatted(SET, PREFIX)));
        assertEquals(2, cell(compared, "valueTier", "BRONZE", "SILVER"));
        assertEquals(3, cell(compared, "valueTier", "SILVER", "SILVER"));
        assertEquals(2, compared.getInt("summary.changed"));
        assertTrue(compared.getList("summary.valueTier.find { it.from == 'BRONZE' }.samples").containsAll(CATCH_ALL));
        assertEquals(1, compared.getInt("compareTo"));
        as("channel").get("/api/v1/customers/" + catchAll + "/decisions/latest").then().statusCode(200)
                .body("find { it.decisionSet == '%s' }.version".formatted(SET), equalTo(1));
        as("channel").get("/api/v1/customers/" + catchAll + "/decisions").then().body("size()", equalTo(1));

        JsonPath impact = as("analyst").get("/api/v1/decision-sets/" + SET + "/versions/2").then().statusCode(200)
                .body("version", equalTo(2)).body("impact.trigger", equalTo("PUBLICATION"))
                .body("impact.compareTo", equalTo(1)).body("impact.mode", equalTo("DRY_RUN"))
                .extract().jsonPath();
        JsonPath impactDone = finished(impact.getString("impact.id"));
        assertTrue(cell(impactDone, "valueTier", "BRONZE", "SILVER") >= 2, "the impact analysis covers every customer");

        JsonPath applied = finished(start(("{\"decisionSet\": \"%s\", \"version\": 2, \"mode\": \"APPLY\","
                + " \"filter\": {\"customerIdPrefix\": \"%s\"}}").formatted(SET, PREFIX)));
        assertEquals(2, cell(applied, "valueTier", "BRONZE", "SILVER"));
        assertEquals(2, applied.getInt("summary.changed"));
        as("channel").get("/api/v1/customers/" + catchAll + "/decisions").then()
                .body("size()", equalTo(2))
                .body("[0].before.valueTier", equalTo("BRONZE")).body("[0].after.valueTier", equalTo("SILVER"))
                .body("[0].version", equalTo(2)).body("[1].after.valueTier", equalTo("BRONZE"));
        as("channel").get("/api/v1/customers/" + REGULAR.get(0) + "/decisions").then().body("size()", equalTo(1));

        List<Map<String, Object>> mine = feedOfThisRun(feedStart, 2);
        assertEquals(7, mine.size(), "5 first decisions and 2 changes: " + mine);
        long previous = feedStart;
        for (Map<String, Object> item : mine) {
            long cursor = ((Number) item.get("cursor")).longValue();
            assertTrue(cursor > previous, "oldest first, each cursor once");
            previous = cursor;
        }
        assertEquals("SILVER", ((Map<?, ?>) mine.get(6).get("after")).get("valueTier"));

        as("channel").delete("/api/v1/customers/" + catchAll).then().statusCode(204);
        as("channel").get("/api/v1/customers/" + catchAll + "/decisions").then().statusCode(404);
        List<Map<String, Object>> afterErasure = feedOfThisRun(feedStart, 100);
        assertEquals(5, afterErasure.size());
        assertTrue(afterErasure.stream().noneMatch(item -> catchAll.equals(item.get("customerId"))));
    }

    @Test
    void failuresOnSingleCustomersAreCountedAndSampled() throws Exception {
        String set = SET + "-null";
        Map<String, String> files = Fixtures.copyOfShipped(set);
        files.put("value-tier.dmn", files.get("value-tier.dmn").replaceFirst(
                "(?s)(<rule id=\"vt-r22\".*?<outputEntry[^>]*>\\s*<text>)\"BRONZE\"", "$1null"));
        as("analyst").contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("files", files)))
                .post("/api/v1/decision-sets/" + set + "/versions").then().statusCode(201);
        JsonPath job = finished(start("{\"decisionSet\": \"%s\", \"version\": 1, \"mode\": \"DRY_RUN\", \"filter\": {\"customerIdPrefix\": \"%s\"}}"
                .formatted(set, PREFIX + "ca-2")));
        assertEquals("COMPLETED", job.getString("status"));
        assertEquals(1, job.getInt("errors.count"));
        assertTrue(job.getString("errors.samples[0]").startsWith(PREFIX + "ca-2: "), job.getString("errors.samples[0]"));
        assertEquals(0, job.getInt("summary.decided"));
    }

    @Test
    void synchronousEvaluationsAreStored() {
        String id = PREFIX + "sync";
        put(id, catchAll(id));
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"" + id + "\"}")
                .post("/api/v1/decisions/" + SET + "/evaluate").then().statusCode(200);
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"" + id + "\"}")
                .post("/api/v1/decisions/" + SET + "/evaluate").then().statusCode(200);
        as("channel").get("/api/v1/customers/" + id + "/decisions").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].jobId", nullValue()).body("[0].decisionSet", equalTo(SET));
    }

    @Test
    void cancellingEndsAWaitingJobAndLeavesAFinishedOneAsItIs() throws Exception {
        // A job stored as waiting, as one is between its submission and its turn.
        String waiting = UUID.randomUUID().toString();
        caches.jobs().put(waiting, new BatchJob(waiting, SET, 1, 0, JobMode.DRY_RUN, JobFilter.ALL, "API",
                "approver", JobStatus.QUEUED, Instant.now(), null, null, 0, List.of(), JobTally.EMPTY, null));
        as("analyst").delete("/api/v1/batch-evaluations/" + waiting).then().statusCode(403);
        as("approver").delete("/api/v1/batch-evaluations/" + waiting).then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("finishedAt", notNullValue());

        String done = start("{\"decisionSet\": \"%s\", \"mode\": \"DRY_RUN\", \"filter\": {\"customerIdPrefix\": \"%s\"}}"
                .formatted(SET, PREFIX));
        finished(done);
        as("approver").delete("/api/v1/batch-evaluations/" + done).then().statusCode(200)
                .body("status", equalTo("COMPLETED"));
        as("analyst").get("/api/v1/batch-evaluations").then().statusCode(200)
                .body("id", hasItem(waiting)).body("id", hasItem(done));
        as("approver").delete("/api/v1/batch-evaluations/no-such-job").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void progressIsStreamedAsServerSentEvents() throws Exception {
        String id = start("{\"decisionSet\": \"%s\", \"mode\": \"DRY_RUN\", \"filter\": {\"customerIdPrefix\": \"%s\"}}"
                .formatted(SET, PREFIX));
        String events = as("analyst").accept("text/event-stream").get("/api/v1/batch-evaluations/" + id + "/events")
                .then().statusCode(200).extract().asString();
        assertTrue(events.contains("data:"), events);
        String last = events.substring(events.lastIndexOf("data:"));
        assertTrue(last.contains("\"status\":\"COMPLETED\""), last);
    }

    @Test
    void badRequestsAreProblems() {
        as("channel").contentType(ContentType.JSON).body("{\"decisionSet\": \"" + SET + "\", \"mode\": \"APPLY\"}")
                .post("/api/v1/batch-evaluations").then().statusCode(403).contentType(PROBLEM);
        problem("{\"decisionSet\": \"no-such-set\", \"mode\": \"APPLY\"}", 404, null);
        problem("{\"decisionSet\": \"" + SET + "\", \"mode\": \"APPLY_ALL\"}", 400, "/mode");
        problem("{\"decisionSet\": \"" + SET + "\"}", 400, "/mode");
        problem("{\"decisionSet\": \"" + SET + "\", \"mode\": \"APPLY\", \"filter\": {\"segment\": \"HOUSEHOLD\"}}", 400, "/filter/segment");
        problem("{\"decisionSet\": \"" + SET + "\", \"mode\": \"APPLY\", \"filter\": {\"colour\": \"red\"}}", 400, "/filter/colour");
        problem("{\"decisionSet\": \"" + SET + "\", \"mode\": \"APPLY\", \"version\": 99}", 400, "/version");
        problem("{\"decisionSet\": \"" + SET + "\", \"mode\": \"DRY_RUN\", \"version\": 1, \"compareTo\": 1}", 400, "/compareTo");
        problem("{\"decisionSet\": \"" + SET + "\", \"mode\": \"APPLY\", \"when\": \"now\"}", 400, "/when");
        as("channel").get("/api/v1/decision-changes?limit=0").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("limit"));
        as("channel").get("/api/v1/decision-changes?after=abc").then().statusCode(400).contentType(PROBLEM);
        as("analyst").get("/api/v1/batch-evaluations/no-such-job").then().statusCode(404).contentType(PROBLEM);
    }

    private static void problem(String body, int status, String pointer) {
        var response = as("approver").contentType(ContentType.JSON).body(body).post("/api/v1/batch-evaluations")
                .then().statusCode(status).contentType(PROBLEM);
        if (pointer != null) {
            response.body("errors.pointer", hasItem(pointer));
        }
    }

    /** Starts a job: 202 with its id and status, and its Location. */
    private static String start(String body) {
        return as("approver").contentType(ContentType.JSON).body(body).post("/api/v1/batch-evaluations")
                .then().statusCode(202).header("Location", containsString("/api/v1/batch-evaluations/"))
                .body("id", notNullValue()).body("status", equalTo("QUEUED"))
                .extract().path("id");
    }

    private static JsonPath finished(String id) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonPath job = as("analyst").get("/api/v1/batch-evaluations/" + id).then().statusCode(200).extract().jsonPath();
            String status = job.getString("status");
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    private static long cell(JsonPath job, String matrix, String from, String to) {
        Object count = job.get("summary.%s.find { it.from == '%s' && it.to == '%s' }.count".formatted(matrix, from, to));
        return count == null ? 0 : ((Number) count).longValue();
    }

    /** The cursor after the last item now in the feed. */
    private static long feedEnd() {
        long after = 0;
        while (true) {
            JsonPath page = as("channel").get("/api/v1/decision-changes?limit=1000&after=" + after).then().statusCode(200)
                    .extract().jsonPath();
            long next = page.getLong("next");
            if (page.getList("items").isEmpty() && next == after) {
                return after;
            }
            after = next;
        }
    }

    /** This run's items of the feed after a cursor, paged {@code limit} at a time. */
    private static List<Map<String, Object>> feedOfThisRun(long after, int limit) {
        List<Map<String, Object>> mine = new ArrayList<>();
        while (true) {
            JsonPath page = as("channel").get("/api/v1/decision-changes?limit=" + limit + "&after=" + after)
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            assertTrue(items.size() <= limit);
            items.stream().filter(i -> ((String) i.get("customerId")).startsWith(PREFIX)
                    && !((String) i.get("customerId")).endsWith("sync")).forEach(mine::add);
            long next = page.getLong("next");
            if (next == after) {
                return mine;
            }
            after = next;
        }
    }

    private static void put(String id, String facts) {
        as("channel").contentType(ContentType.JSON).body(facts).put("/api/v1/customers/" + id).then().statusCode(201);
    }

    private static String catchAll(String id) {
        return """
                {"customerId": "%s", "segment": "RETAIL", "country": "DE", "joinedOn": "2024-01-01",
                 "consent": {"marketing": false, "profiling": false}, "recencyDays": 200, "frequency12m": 1,
                 "monetary12m": 50, "clv": 100, "pAlive": 0.5, "maxDaysPastDue": 0, "missedPayments12m": 0,
                 "chargebacks12m": 0, "complaints90d": 0, "fraudFlag": false}
                """.formatted(id);
    }

    private static Map<String, String> v2() {
        Map<String, String> files = Fixtures.copyOfShipped(SET);
        files.put("value-tier.dmn", files.get("value-tier.dmn").replaceFirst(
                "(?s)(<rule id=\"vt-r22\".*?<outputEntry[^>]*>\\s*<text>)\"BRONZE\"", "$1\"SILVER\""));
        return files;
    }

    private static void publish(Map<String, String> files, int expectedVersion) throws Exception {
        as("analyst").contentType(ContentType.JSON).body(JSON.writeValueAsString(Map.of("files", files)))
                .post("/api/v1/decision-sets/" + SET + "/versions")
                .then().statusCode(201).body("version", equalTo(expectedVersion));
    }
}
