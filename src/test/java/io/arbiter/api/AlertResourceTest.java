package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.arbiter.alerting.AlertDerivation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Alerts end to end: customers whose outcomes worsen by a batch APPLY raise the shipped set's alerts, listed by level
 * and by customer and paged by id, acknowledged once, erased with the customer; bad parameters are problems naming
 * the parameter. Its own store, so that the alerts listed are this test's alone.
 */
@QuarkusTest
@TestProfile(AlertResourceTest.OwnStore.class)
class AlertResourceTest {

    public static class OwnStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arbiter.data-dir", "target/test-data-alerts/" + UUID.randomUUID());
        }
    }

    private static final String PROBLEM = "application/problem+json";

    @Inject
    AlertDerivation derivation;

    private final String prefix = "al-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void worseningOutcomesRaiseAlertsThatAreListedAcknowledgedAndErased() throws Exception {
        String fraud = prefix + "fraud";
        String arrears = prefix + "arrears";
        String dormant = prefix + "dormant";
        String recovered = prefix + "recovered";
        // first decisions: GOLD/A raises nothing; a customer who starts at E raises RISK-E
        put(fraud, Map.of());
        put(arrears, Map.of());
        put(dormant, Map.of());
        put(recovered, Map.of("fraudFlag", "true"));
        apply();
        await(() -> alertsOf(recovered).size() == 1, "the first decision at E raised its alert");
        assertEquals(List.of(), alertsOf(fraud), "a first decision at GOLD/A raises nothing");

        // the outcomes change: worse for three, better for one
        put(fraud, Map.of("fraudFlag", "true"));
        put(arrears, Map.of("maxDaysPastDue", "65"));
        put(dormant, Map.of("recencyDays", "400"));
        put(recovered, Map.of());
        long feedBefore = derivation.derivedUpTo();
        apply();
        await(() -> alertsOf(fraud).size() == 1 && alertsOf(arrears).size() == 1 && alertsOf(dormant).size() == 1,
                "the APPLY's changes raised their alerts");
        await(() -> derivation.derivedUpTo() > feedBefore, "the derivation moved on");

        JsonPath critical = as("analyst").get("/api/v1/customers/" + fraud + "/alerts").then().statusCode(200)
                .extract().jsonPath();
        assertEquals("CRITICAL", critical.getString("[0].level"));
        assertEquals("RISK-E", critical.getString("[0].code"));
        assertEquals("RISK-E Risk grade became E", critical.getString("[0].rule"));
        assertEquals("A", critical.getString("[0].previousGrade"));
        assertEquals("E", critical.getString("[0].grade"));
        assertTrue(critical.getString("[0].message").contains("was A"), critical.getString("[0].message"));
        assertEquals("RISK-D", alertsOf(arrears).get(0).get("code"));
        assertEquals("VALUE-DROP", alertsOf(dormant).get(0).get("code"));
        assertEquals(1, alertsOf(recovered).size(), "the improvement raised nothing more");

        // listed by level, in id order, paged by id
        List<String> all = as("channel").get("/api/v1/alerts").then().statusCode(200).body("items", hasSize(4))
                .extract().jsonPath().getList("items.id");
        List<String> criticalIds = as("channel").get("/api/v1/alerts?level=CRITICAL").then().statusCode(200)
                .body("items.level", equalTo(List.of("CRITICAL", "CRITICAL"))).extract().jsonPath().getList("items.id");
        assertEquals(List.of(alertsOf(recovered).get(0).get("id"), critical.getString("[0].id")), criticalIds,
                "the first decision's alert, then the APPLY's");
        as("channel").get("/api/v1/alerts?level=WARNING").then().body("items.code", hasSize(2))
                .body("items.level", equalTo(List.of("WARNING", "WARNING")));
        as("channel").get("/api/v1/alerts?level=INFO").then().statusCode(200).body("items", hasSize(0))
                .body("next", nullValue());
        List<String> paged = new ArrayList<>();
        String after = "";
        while (true) {
            JsonPath page = as("channel").get("/api/v1/alerts?limit=1&after=" + after).then().statusCode(200)
                    .extract().jsonPath();
            if (page.getList("items").isEmpty()) {
                break;
            }
            paged.add(page.getString("items[0].id"));
            after = page.getString("next");
        }
        assertEquals(all, paged, "one at a time, each after the one before, none twice");
        as("channel").get("/api/v1/alerts?after=" + all.get(1) + "&limit=10").then()
                .body("items.id", equalTo(all.subList(2, 4)));

        // acknowledged once, by whom and when
        String id = critical.getString("[0].id");
        as("analyst").post("/api/v1/alerts/" + id + "/ack").then().statusCode(200)
                .body("acknowledgedBy", equalTo("analyst")).body("acknowledgedAt", notNullValue());
        as("approver").post("/api/v1/alerts/" + id + "/ack").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("acknowledged by analyst"));
        as("channel").get("/api/v1/customers/" + fraud + "/alerts").then().body("[0].acknowledgedBy", equalTo("analyst"));
        as("channel").post("/api/v1/alerts/" + all.get(1) + "/ack").then().statusCode(403);
        as("analyst").post("/api/v1/alerts/999999999-0/ack").then().statusCode(404).contentType(PROBLEM);
        as("analyst").post("/api/v1/alerts/not-an-id/ack").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("id"));
        as("analyst").get("/api/v1/audit").then().body("action", org.hamcrest.Matchers.hasItem("ALERT_ACK"));

        // erased with the customer
        as("channel").delete("/api/v1/customers/" + fraud).then().statusCode(204);
        as("channel").get("/api/v1/customers/" + fraud + "/alerts").then().statusCode(404);
        as("channel").get("/api/v1/alerts").then().body("items", hasSize(3))
                .body("items.customerId", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(fraud)));
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        as("channel").get("/api/v1/alerts?level=SEVERE").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("level"))
                .body("errors[0].message", containsString("CRITICAL, WARNING, INFO"));
        as("channel").get("/api/v1/alerts?after=12").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("after"));
        as("channel").get("/api/v1/alerts?limit=0").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("limit"));
        as("channel").get("/api/v1/alerts?limit=1001").then().statusCode(400).body("errors[0].pointer", equalTo("limit"));
        as("channel").get("/api/v1/customers/bad%20id/alerts").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("customerId"));
        as("channel").get("/api/v1/customers/" + prefix + "nobody/alerts").then().statusCode(404).contentType(PROBLEM);
    }

    private List<Map<String, Object>> alertsOf(String customer) {
        return as("channel").get("/api/v1/customers/" + customer + "/alerts").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }

    /** A GOLD customer with a clean record (grade A), with the given facts changed. */
    private static void put(String customer, Map<String, String> changed) {
        Map<String, String> facts = new java.util.LinkedHashMap<>(Map.of("recencyDays", "12", "clv", "20000.00",
                "pAlive", "0.8", "maxDaysPastDue", "0", "fraudFlag", "false"));
        facts.putAll(changed);
        as("channel").contentType(ContentType.JSON).body("""
                {"customerId": "%s", "segment": "RETAIL", "country": "DE", "joinedOn": "2019-03-01",
                 "consent": {"marketing": true, "profiling": true}, "recencyDays": %s, "frequency12m": 14,
                 "monetary12m": 1830.50, "clv": %s, "pAlive": %s, "maxDaysPastDue": %s, "missedPayments12m": 0,
                 "chargebacks12m": 0, "complaints90d": 0, "fraudFlag": %s}
                """.formatted(customer, facts.get("recencyDays"), facts.get("clv"), facts.get("pAlive"),
                        facts.get("maxDaysPastDue"), facts.get("fraudFlag")))
                .put("/api/v1/customers/" + customer).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static void apply() throws InterruptedException {
        String job = as("approver").contentType(ContentType.JSON)
                .body("{\"decisionSet\": \"customer-value\", \"version\": 1, \"mode\": \"APPLY\"}")
                .post("/api/v1/batch-evaluations").then().statusCode(202).extract().path("id");
        await(() -> "COMPLETED".equals(as("approver").get("/api/v1/batch-evaluations/" + job).path("status")),
                "the job completed");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(100);
        }
    }
}
