package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.engine.Challenger;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.Explanation;
import io.arbiter.monitoring.DecisionDrift;
import io.arbiter.monitoring.OutcomeTallies;
import io.arbiter.monitoring.Scopes;
import io.arbiter.engine.RolloutMode;
import io.arbiter.repository.DecisionRepository;
import io.arbiter.repository.RepositoryException;
import io.arbiter.repository.Rollouts;
import io.arbiter.repository.ShippedBundles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Gradual rollouts through the API on copies of the shipped set whose version 2 moves the catch-all customer from
 * BRONZE to SILVER: the canary's split, ramp, promote and abort, the shadow's comparison, refusals, and drift.
 */
@QuarkusTest
class RolloutResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CUSTOMERS = 200;

    @Inject
    OutcomeTallies tallies;
    @Inject
    DecisionDrift drift;
    @Inject
    DecisionRepository repository;
    @Inject
    Rollouts rollouts;
    @Inject
    io.arbiter.monitoring.DriftWatch watch;
    @io.quarkus.test.common.http.TestHTTPResource(value = "metrics", management = true)
    java.net.URL metrics;

    /** A new set: version 1 (shipped copy) active, version 2 (catch-all SILVER) validated, both by the analyst. */
    private static String setWithChallenger() throws Exception {
        String set = "ro-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> v1 = Fixtures.copyOfShipped(set);
        publish(set, v1, "analyst").then().statusCode(201);
        as("approver").post("/api/v1/decision-sets/" + set + "/versions/1/activate").then().statusCode(200);
        Map<String, String> v2 = new LinkedHashMap<>(v1);
        v2.put("value-tier.dmn", v1.get("value-tier.dmn").replaceFirst(
                "(?s)(<rule id=\"vt-r22\".*?<outputEntry[^>]*>\\s*<text>)\"BRONZE\"", "$1\"SILVER\""));
        publish(set, v2, "analyst").then().statusCode(201).body("version", equalTo(2));
        return set;
    }

    private static io.restassured.response.Response publish(String set, Map<String, String> files, String user)
            throws Exception {
        return as(user).contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(Map.of("files", files, "comment", "rollout test")))
                .post("/api/v1/decision-sets/" + set + "/versions");
    }

    private static String catchAll(String customerId) {
        return """
                {"facts": {"customerId": "%s", "segment": "RETAIL", "country": "DE", "joinedOn": "2024-01-01",
                 "consent": {"marketing": false, "profiling": false}, "recencyDays": 200, "frequency12m": 1,
                 "monetary12m": 50, "clv": 100, "pAlive": 0.5, "maxDaysPastDue": 0, "missedPayments12m": 0,
                 "chargebacks12m": 0, "complaints90d": 0, "fraudFlag": false}}
                """.formatted(customerId);
    }

    private static JsonPath evaluate(String set, String customerId) {
        return as("channel").contentType(ContentType.JSON).body(catchAll(customerId))
                .post("/api/v1/decisions/" + set + "/evaluate").then().statusCode(200).extract().jsonPath();
    }

    private static io.restassured.response.ValidatableResponse start(String set, String body, String user) {
        return as(user).contentType(ContentType.JSON).body(body).post("/api/v1/decision-sets/" + set + "/rollouts")
                .then();
    }

    @Test
    void aCanarySplitsCustomersByTheirHashRampsUpAndIsPromoted() throws Exception {
        String set = setWithChallenger();
        String rollout = start(set, "{\"version\": 2, \"mode\": \"CANARY\", \"percent\": 50}", "approver")
                .statusCode(201).header("Location", containsString("/rollouts/current"))
                .body("mode", equalTo("CANARY")).body("champion", equalTo(1)).body("challenger", equalTo(2))
                .body("percent", equalTo(50)).body("startedBy", equalTo("approver")).body("ending", nullValue())
                .extract().path("id");

        int challengers = 0;
        for (int i = 0; i < CUSTOMERS; i++) {
            String customer = "canary-" + i;
            boolean expected = Challenger.bucket(rollout, customer) < 5_000;
            for (int again = 0; again < 2; again++) {
                JsonPath answer = evaluate(set, customer);
                assertEquals(expected ? "challenger" : "champion", answer.getString("arm"), customer);
                assertEquals(expected ? 2 : 1, answer.getInt("version"), customer);
                assertEquals(expected ? "SILVER" : "BRONZE", answer.getString("valueTier"), customer);
            }
            challengers += expected ? 1 : 0;
        }
        assertTrue(challengers > 60 && challengers < 140, challengers + " of " + CUSTOMERS + " on the challenger");
        int champions = CUSTOMERS - challengers;

        as("analyst").get("/api/v1/decision-sets/" + set + "/rollouts/current").then().statusCode(200)
                .body("comparison.champion.decisions", equalTo(2 * champions))
                .body("comparison.challenger.decisions", equalTo(2 * challengers))
                .body("comparison.champion.valueTiers.BRONZE", equalTo(2 * champions))
                .body("comparison.challenger.valueTiers.SILVER", equalTo(2 * challengers))
                .body("comparison.champion.failures", equalTo(0))
                .body("comparison.psi.valueTier.band", equalTo("MAJOR"))
                .body("comparison.psi.riskGrade.band", equalTo("STABLE"))
                .body("comparison.migration", nullValue());

        // refused while the rollout runs
        start(set, "{\"version\": 2, \"mode\": \"SHADOW\"}", "admin").statusCode(409).contentType(PROBLEM);
        as("approver").post("/api/v1/decision-sets/" + set + "/versions/2/activate").then().statusCode(409)
                .contentType(PROBLEM).body("detail", containsString("promote or abort"));
        as("approver").post("/api/v1/decision-sets/" + set + "/rollback").then().statusCode(409);
        for (String bad : List.of("\"50\"", "true", "-1", "100.5", "0.001", "null")) {
            as("approver").contentType(ContentType.JSON).body("{\"percent\": " + bad + "}")
                    .patch("/api/v1/decision-sets/" + set + "/rollouts/current").then().statusCode(400)
                    .contentType(PROBLEM).body("errors[0].pointer", equalTo("/percent"));
        }
        as("analyst").contentType(ContentType.JSON).body("{\"percent\": 80}")
                .patch("/api/v1/decision-sets/" + set + "/rollouts/current").then().statusCode(403);

        as("approver").contentType(ContentType.JSON).body("{\"percent\": 100}")
                .patch("/api/v1/decision-sets/" + set + "/rollouts/current").then().statusCode(200)
                .body("percent", equalTo(100)).body("updatedBy", equalTo("approver"));
        for (int i = 0; i < 20; i++) {
            assertEquals("challenger", evaluate(set, "canary-" + i).getString("arm"));
        }

        as("approver").post("/api/v1/decision-sets/" + set + "/rollouts/current/promote").then().statusCode(200)
                .body("ending", equalTo("PROMOTED")).body("endedBy", equalTo("approver"));
        JsonPath after = evaluate(set, "canary-0");
        assertEquals(2, after.getInt("version"));
        assertNull(after.get("arm"), "no arm once no rollout runs");
        as("analyst").get("/api/v1/decision-sets/" + set).then().body("activeVersion", equalTo(2));
        as("analyst").get("/api/v1/decision-sets/" + set + "/rollouts/current").then().statusCode(404)
                .contentType(PROBLEM);
        as("analyst").get("/api/v1/decision-sets/" + set + "/rollouts").then().statusCode(200)
                .body("rollouts[0].id", equalTo(rollout)).body("rollouts[0].ending", equalTo("PROMOTED"))
                .body("rollouts[0].comparison", nullValue());
        // an ended rollout keeps its comparison: 2 decisions per customer and 20 more at 100%, before the promotion
        as("analyst").get("/api/v1/decision-sets/" + set + "/rollouts/" + rollout).then().statusCode(200)
                .body("ending", equalTo("PROMOTED"))
                .body("comparison.champion.decisions", equalTo(2 * champions))
                .body("comparison.challenger.decisions", equalTo(2 * challengers + 20));
        as("analyst").get("/api/v1/decision-sets/" + set + "/rollouts/no-such-rollout").then().statusCode(404)
                .contentType(PROBLEM);
        as("analyst").get("/api/v1/audit?decisionSet=" + set).then().statusCode(200)
                .body("action", hasItems("ROLLOUT_START", "ROLLOUT_RAMP", "ROLLOUT_PROMOTE"));
        // the previous active version is one rollback away, as after an activation
        as("approver").post("/api/v1/decision-sets/" + set + "/rollback").then().statusCode(200)
                .body("activeVersion", equalTo(1));
    }

    @Test
    void aShadowAnswersWithTheChampionAndComparesTheChallengerOnTheSameFacts() throws Exception {
        String set = setWithChallenger();
        start(set, "{\"version\": 2, \"mode\": \"SHADOW\"}", "approver").statusCode(201)
                .body("mode", equalTo("SHADOW")).body("percent", nullValue());
        for (int i = 0; i < 50; i++) {
            JsonPath answer = evaluate(set, "shadowed-" + i);
            assertEquals("champion", answer.getString("arm"));
            assertEquals(1, answer.getInt("version"));
            assertEquals("BRONZE", answer.getString("valueTier"));
        }
        JsonPath current = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            current = as("analyst").get("/api/v1/decision-sets/" + set + "/rollouts/current").then().statusCode(200)
                    .extract().jsonPath();
            if (current.getInt("comparison.challenger.decisions") == 50) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(50, current.getInt("comparison.challenger.decisions"), "shadow decisions compared");
        assertEquals(50, current.getInt("comparison.champion.decisions"));
        assertEquals(50, current.getInt("comparison.challenger.valueTiers.SILVER"));
        assertEquals(0, current.getInt("comparison.shadowDropped"));
        assertEquals(List.of(Map.of("from", "BRONZE", "to", "SILVER", "count", 50,
                        "samples", current.getList("comparison.migration.valueTiers[0].samples"))),
                current.getList("comparison.migration.valueTiers"));
        assertEquals(5, current.getList("comparison.migration.valueTiers[0].samples").size());
        assertEquals("MAJOR", current.getString("comparison.psi.valueTier.band"));

        as("approver").patch("/api/v1/decision-sets/" + set + "/rollouts/current").then().statusCode(400);
        as("approver").contentType(ContentType.JSON).body("{\"percent\": 10}")
                .patch("/api/v1/decision-sets/" + set + "/rollouts/current").then().statusCode(409);
        as("approver").delete("/api/v1/decision-sets/" + set + "/rollouts/current").then().statusCode(200)
                .body("ending", equalTo("ABORTED"));
        JsonPath after = evaluate(set, "shadowed-0");
        assertEquals(1, after.getInt("version"));
        assertNull(after.get("arm"));
        as("approver").delete("/api/v1/decision-sets/" + set + "/rollouts/current").then().statusCode(404);
    }

    @Test
    void startingIsRefusedWithWhatIsWrongAndWhere() throws Exception {
        String set = setWithChallenger();
        start(set, "{\"mode\": \"CANARY\", \"percent\": 5}", "approver").statusCode(400)
                .body("errors[0].pointer", equalTo("/version"));
        start(set, "{\"version\": 2, \"mode\": \"BLUE_GREEN\", \"percent\": 5}", "approver").statusCode(400)
                .contentType(PROBLEM).body("errors[0].pointer", equalTo("/mode"));
        start(set, "{\"version\": 2, \"mode\": \"CANARY\"}", "approver").statusCode(400)
                .body("errors[0].pointer", equalTo("/percent"));
        start(set, "{\"version\": 2, \"mode\": \"CANARY\", \"percent\": \"five\"}", "approver").statusCode(400)
                .body("errors[0].pointer", equalTo("/percent"));
        start(set, "{\"version\": 2, \"mode\": \"SHADOW\", \"percent\": 5}", "approver").statusCode(400)
                .body("errors[0].pointer", equalTo("/percent"));
        start(set, "{\"version\": \"two\", \"mode\": \"SHADOW\"}", "approver").statusCode(400)
                .body("errors[0].pointer", equalTo("/version"));
        start(set, "{\"version\": 2, \"mode\": \"SHADOW\"} {}", "approver").statusCode(400);
        start(set, "{\"version\": 9, \"mode\": \"SHADOW\"}", "approver").statusCode(404).contentType(PROBLEM);
        start("no-such-set", "{\"version\": 2, \"mode\": \"SHADOW\"}", "approver").statusCode(404);
        start(set, "{\"version\": 1, \"mode\": \"SHADOW\"}", "approver").statusCode(409)
                .body("detail", containsString("is the active version"));
        start(set, "{\"version\": 2, \"mode\": \"SHADOW\"}", "analyst").statusCode(403);

        // four eyes: the author of version 3 may not roll it out or promote it, though an approver; an admin may
        long third = repository.publish(set, Fixtures.copyOfShipped(set), "four eyes", "jane").version();
        RepositoryException refused = assertThrows(RepositoryException.class,
                () -> rollouts.start(set, third, RolloutMode.CANARY, 500, "jane", false));
        assertEquals(RepositoryException.Kind.FORBIDDEN, refused.kind());
        assertTrue(refused.getMessage().contains("four-eyes"), refused.getMessage());
        start(set, "{\"version\": " + third + ", \"mode\": \"CANARY\", \"percent\": 5}", "admin").statusCode(201);
        assertEquals(RepositoryException.Kind.FORBIDDEN, assertThrows(RepositoryException.class,
                () -> rollouts.promote(set, "jane", false)).kind());

        // the RFM segmentation decides no customers: nothing to split
        long rfm = repository.publish("rfm-segments", ShippedBundles.load("rfm-segments").files(), "rollout test", "jane")
                .version();
        RepositoryException noCustomers = assertThrows(RepositoryException.class,
                () -> rollouts.start("rfm-segments", rfm, RolloutMode.SHADOW, 0, "admin", true));
        assertEquals(RepositoryException.Kind.CONFLICT, noCustomers.kind());
        assertTrue(noCustomers.getMessage().contains("does not decide customers"), noCustomers.getMessage());
        start(set, "{\"version\": 0, \"mode\": \"SHADOW\"}", "admin").statusCode(400)
                .body("errors[0].pointer", equalTo("/version"));

        // a set without an active version has nothing to compare with
        String fresh = "ro-" + UUID.randomUUID().toString().substring(0, 8);
        publish(fresh, Fixtures.copyOfShipped(fresh), "analyst").then().statusCode(201);
        start(fresh, "{\"version\": 1, \"mode\": \"SHADOW\"}", "approver").statusCode(409)
                .body("detail", containsString("no active version"));
    }

    @Test
    void aBatchApplyStoredDecisionsTheHistoryTheFeedAndTheMetricsFollowTheArm() throws Exception {
        String set = setWithChallenger();
        String prefix = "arm-" + set + "-";
        List<String> customers = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = prefix + i;
            customers.add(id);
            String facts = JSON.readTree(catchAll(id)).get("facts").toString();
            as("channel").contentType(ContentType.JSON).body(facts).put("/api/v1/customers/" + id).then().statusCode(201);
        }
        long feedStart = as("channel").get("/api/v1/decision-changes?limit=1").then().statusCode(200).extract()
                .jsonPath().getLong("next");
        String rollout = start(set, "{\"version\": 2, \"mode\": \"CANARY\", \"percent\": 50}", "approver")
                .statusCode(201).extract().path("id");

        String job = as("approver").contentType(ContentType.JSON).body("{\"decisionSet\": \"%s\", \"mode\": \"APPLY\", \"filter\": {\"customerIdPrefix\": \"%s\"}}"
                .formatted(set, prefix)).post("/api/v1/batch-evaluations").then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = "";
        while (System.nanoTime() < deadline && !status.equals("COMPLETED")) {
            Thread.sleep(100);
            status = as("analyst").get("/api/v1/batch-evaluations/" + job).then().extract().path("status");
        }
        assertEquals("COMPLETED", status);

        Map<String, String> arms = new HashMap<>();
        for (String id : customers) {
            boolean challenger = Challenger.bucket(rollout, id) < 5_000;
            arms.put(id, challenger ? "challenger" : "champion");
            as("channel").get("/api/v1/customers/" + id + "/decisions/latest").then().statusCode(200)
                    .body("find { it.decisionSet == '%s' }.version".formatted(set), equalTo(challenger ? 2 : 1))
                    .body("find { it.decisionSet == '%s' }.arm".formatted(set), equalTo(arms.get(id)));
            as("channel").get("/api/v1/customers/" + id + "/decisions").then().statusCode(200)
                    .body("[0].arm", equalTo(arms.get(id)))
                    .body("[0].after.valueTier", equalTo(challenger ? "SILVER" : "BRONZE"));
        }
        List<Map<String, Object>> items = as("channel").get("/api/v1/decision-changes?limit=1000&after=" + feedStart)
                .then().statusCode(200).extract().jsonPath().getList("items.findAll { it.decisionSet == '%s' }"
                        .formatted(set));
        assertEquals(40, items.size());
        for (Map<String, Object> item : items) {
            assertEquals(arms.get((String) item.get("customerId")), item.get("arm"), item.toString());
        }
        as("analyst").get("/api/v1/decision-sets/" + set + "/rollouts/current").then().statusCode(200)
                .body("comparison.champion.decisions", equalTo((int) arms.values().stream().filter("champion"::equals).count()))
                .body("comparison.challenger.decisions", equalTo((int) arms.values().stream().filter("challenger"::equals).count()));

        // a synchronous decision of a stored customer is recorded with its arm, and counted with it in the metrics
        String someone = customers.get(0);
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"" + someone + "\"}")
                .post("/api/v1/decisions/" + set + "/evaluate").then().statusCode(200).body("arm", equalTo(arms.get(someone)));
        io.restassured.RestAssured.given().get(metrics).then().statusCode(200).body(containsString(
                "arbiter_decisions_total{arm=\"" + arms.get(someone) + "\",decision_set=\"" + set + "\""));
    }

    @Test
    void driftComparesTheLatestWindowWithTheBaselineAndRaisesAnAlertOnAMajorShift() throws Exception {
        String set = setWithChallenger();
        for (int i = 0; i < 30; i++) {
            evaluate(set, "drifting-" + i);
        }
        Instant current = drift.windowStart(Instant.now());
        as("analyst").get("/api/v1/decision-sets/" + set + "/drift").then().statusCode(200)
                .body("activeVersion", equalTo(1)).body("windows.size()", equalTo(1))
                .body("windows[0].decisions", equalTo(30)).body("windows[0].valueTiers.BRONZE", equalTo(30))
                .body("baseline.start", equalTo(current.toString())).body("baseline.pinned", equalTo(false))
                .body("psi", nullValue());

        // an earlier window where everyone was GOLD, pinned as the baseline
        Instant earlier = current.minus(Duration.ofDays(3));
        for (int i = 0; i < 30; i++) {
            tallies.decided(Scopes.drift(set, earlier), decision(set, "GOLD"));
        }
        as("analyst").contentType(ContentType.JSON).body("{\"window\": \"" + earlier.plusSeconds(60) + "\"}")
                .put("/api/v1/decision-sets/" + set + "/drift/baseline").then().statusCode(200)
                .body("baseline.start", equalTo(earlier.toString())).body("baseline.pinned", equalTo(true))
                .body("windows.size()", equalTo(2)).body("psi.valueTier.band", equalTo("MAJOR"))
                .body("psi.riskGrade.band", equalTo("STABLE"));
        for (String bad : List.of("\"yesterday\"", "\"+1000000000-01-01T00:00:00Z\"", "20261128", "null")) {
            as("analyst").contentType(ContentType.JSON).body("{\"window\": " + bad + "}")
                    .put("/api/v1/decision-sets/" + set + "/drift/baseline").then().statusCode(400)
                    .body("errors[0].pointer", equalTo("/window"));
        }
        as("analyst").get("/api/v1/decision-sets/" + set + "/drift?windows=0").then().statusCode(400);
        as("analyst").get("/api/v1/decision-sets/no-such-set/drift").then().statusCode(404);

        watch.check(repository.find(set).orElseThrow());
        watch.check(repository.find(set).orElseThrow());
        as("analyst").get("/api/v1/decision-sets/" + set + "/drift").then().statusCode(200)
                .body("alerts.size()", equalTo(1)).body("alerts[0].dimension", equalTo("valueTier"))
                .body("alerts[0].window", equalTo(current.toString()));
        as("analyst").get("/api/v1/audit?decisionSet=" + set).then()
                .body("action", hasItem("DRIFT_ALERT")).body("action", hasItem("DRIFT_BASELINE"));
        io.restassured.RestAssured.given().get(metrics).then().statusCode(200)
                .body(containsString("arbiter_drift_psi{decision_set=\"" + set + "\",outcome=\"valueTier\"}"));
        as("analyst").delete("/api/v1/decision-sets/" + set + "/drift/baseline").then().statusCode(200)
                .body("baseline.pinned", equalTo(false)).body("psi", nullValue());
    }

    private static CustomerDecision decision(String set, String tier) {
        return new CustomerDecision(set, 1, "someone", tier, "A", false, List.of(), new HashMap<>(),
                new Explanation(List.of(), List.of(), null), Instant.now(), 1, null);
    }
}
