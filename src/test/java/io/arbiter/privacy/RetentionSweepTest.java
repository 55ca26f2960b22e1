package io.arbiter.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.arbiter.batch.BatchJobs;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.Explanation;
import io.arbiter.history.DecisionRecords;
import io.arbiter.monitoring.DriftAlert;
import io.arbiter.monitoring.MonitoringCaches;
import io.arbiter.monitoring.OutcomeTallies;
import io.arbiter.monitoring.Scopes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Retention removes what is past its period and nothing else: the history entries (the latest decision stays), the
 * change-feed items and the records of finished jobs. Its own store, since a sweep reaches every test's records.
 */
@QuarkusTest
@TestProfile(RetentionSweepTest.OwnStore.class)
class RetentionSweepTest {

    public static class OwnStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arbiter.data-dir", "target/test-data-retention/" + UUID.randomUUID());
        }
    }

    @Inject
    DecisionRecords decisions;
    @Inject
    BatchJobs jobs;
    @Inject
    RetentionSweep sweep;
    @Inject
    OutcomeTallies tallies;
    @Inject
    MonitoringCaches monitoring;

    @Test
    void recordsPastTheirPeriodGoAndRecentOnesStay() throws Exception {
        String customer = "retained-1";
        as("channel").contentType(ContentType.JSON).body("""
                {"customerId": "%s", "segment": "RETAIL", "country": "DE", "joinedOn": "2019-03-01",
                 "consent": {"marketing": true, "profiling": true}, "recencyDays": 12, "frequency12m": 14,
                 "monetary12m": 1830.50, "clv": 5200.00, "pAlive": 0.87, "maxDaysPastDue": 0, "missedPayments12m": 0,
                 "chargebacks12m": 0, "complaints90d": 0, "fraudFlag": false}
                """.formatted(customer)).put("/api/v1/customers/" + customer).then().statusCode(201);
        String job = as("approver").contentType(ContentType.JSON)
                .body("{\"decisionSet\": \"customer-value\", \"version\": 1, \"mode\": \"APPLY\"}")
                .post("/api/v1/batch-evaluations").then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"COMPLETED".equals(as("approver").get("/api/v1/batch-evaluations/" + job).path("status"))) {
            assertTrue(System.nanoTime() < deadline, "the job did not complete");
            Thread.sleep(100);
        }
        as("channel").get("/api/v1/customers/" + customer + "/decisions").then().body("$", hasSize(1));

        // the configured periods (years, months): nothing recent goes
        sweep.sweep();
        as("channel").get("/api/v1/customers/" + customer + "/decisions").then().body("$", hasSize(1));
        as("approver").get("/api/v1/batch-evaluations/" + job).then().statusCode(200);

        Instant future = Instant.now().plusSeconds(60);
        assertEquals(1, decisions.pruneHistory(future), "the customer's one history entry");
        as("channel").get("/api/v1/customers/" + customer + "/decisions").then().body("$", hasSize(0));
        as("channel").get("/api/v1/customers/" + customer + "/decisions/latest").then()
                .body("[0].decisionSet", equalTo("customer-value"));
        assertTrue(decisions.pruneFeed(future) >= 1);
        as("channel").get("/api/v1/decision-changes").then().body("items.customerId", not(hasItem(customer)));
        assertTrue(jobs.pruneFinished(future) >= 1);
        as("approver").get("/api/v1/batch-evaluations/" + job).then().statusCode(404);
    }

    @Test
    void driftWindowsAndAlertsPastTheirPeriodGo() throws Exception {
        Instant old = Instant.parse("2024-01-01T00:00:00Z");
        String oldScope = Scopes.drift("customer-value", old);
        tallies.decided(oldScope, new CustomerDecision("customer-value", 1, "someone", "GOLD", "A", false, List.of(),
                new HashMap<>(), new Explanation(List.of(), List.of(), null), Instant.now(), 1, null));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (monitoring.counts().keySet().stream().noneMatch(key -> key.startsWith(oldScope + "/"))) {
            assertTrue(System.nanoTime() < deadline, "the counts were not written");
            Thread.sleep(100);
        }
        monitoring.alerts().put("customer-value/old/valueTier", new DriftAlert("customer-value", "valueTier", old,
                old.minusSeconds(86_400), 0.4, 1, old));
        as("analyst").get("/api/v1/decision-sets/customer-value/drift?windows=400").then()
                .body("windows.start", hasItem(old.toString())).body("alerts.size()", equalTo(1));

        // 730 days by default; 2024-01-01 is past it, today is not
        assertTrue(sweep.sweep().driftEntries() >= 2, "the window's counts and its alert");
        assertEquals(0, tallies.read(oldScope).decisions());
        as("analyst").get("/api/v1/decision-sets/customer-value/drift?windows=400").then()
                .body("windows.start", not(hasItem(old.toString()))).body("alerts.size()", equalTo(0));
    }

    @Test
    void periodsAreReadStrictly() {
        assertEquals(Optional.of(Duration.ofDays(730)), RetentionSweep.period("p", "730d"));
        assertEquals(Optional.empty(), RetentionSweep.period("p", "off"));
        assertThrows(IllegalStateException.class, () -> RetentionSweep.period("p", "two years"));
        assertThrows(IllegalStateException.class, () -> RetentionSweep.period("p", "0d"));
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-secret");
    }
}
