package io.arbiter.history;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.infinispan.Cache;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Each customer's decision history is a keyed chain: an entry edited through the cache, behind the service's back,
 * is named by the verification, and so is an entry removed from the middle.
 */
@QuarkusTest
class HistoryChainTest {

    @Inject
    HistoryCaches caches;

    @Test
    void anEditedOrRemovedHistoryEntryIsNamed() {
        String customer = "chained-" + UUID.randomUUID().toString().substring(0, 8);
        for (String recency : List.of("12", "400", "30")) {
            as("channel").contentType(ContentType.JSON).body(facts(customer, recency))
                    .put("/api/v1/customers/" + customer).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            // recorded: the test profile records synchronous decisions of stored customers
            as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"" + customer + "\"}")
                    .post("/api/v1/decisions/customer-value/evaluate").then().statusCode(200);
        }
        Cache<String, CustomerDecisionLog> logs = caches.customerDecisions();
        CustomerDecisionLog original = logs.get(customer);
        assertEquals(3, original.history().size(), "three changes of outcome: " + original.history());
        assertTrue(original.history().stream().allMatch(h -> h.hash() != null), "every new entry is linked");
        verify().then().body("decisionHistory.intact", equalTo(true));

        try {
            HistoryEntry middle = original.history().get(1);
            List<HistoryEntry> edited = new ArrayList<>(original.history());
            edited.set(1, new HistoryEntry(middle.cursor(), middle.decisionSet(), middle.version(), middle.before(),
                    new DecisionOutcome("PLATINUM", "A", List.of(), false), middle.at(), middle.jobId(), middle.hash(), middle.arm()));
            logs.put(customer, new CustomerDecisionLog(customer, original.latest(), edited, original.anchor()));
            verify().then().body("intact", equalTo(false))
                    .body("decisionHistory.firstBreak.customerId", equalTo(customer))
                    .body("decisionHistory.firstBreak.cursor", equalTo((int) middle.cursor()));

            List<HistoryEntry> cut = new ArrayList<>(original.history());
            cut.remove(1);
            logs.put(customer, new CustomerDecisionLog(customer, original.latest(), cut, original.anchor()));
            verify().then().body("decisionHistory.intact", equalTo(false))
                    .body("decisionHistory.firstBreak.cursor", equalTo((int) cut.get(0).cursor()));
        } finally {
            logs.put(customer, original);
        }
        verify().then().body("decisionHistory.intact", equalTo(true));
    }

    private static String facts(String customer, String recencyDays) {
        return """
                {"customerId": "%s", "segment": "RETAIL", "country": "DE", "joinedOn": "2019-03-01",
                 "consent": {"marketing": true, "profiling": true}, "recencyDays": %s, "frequency12m": 14,
                 "monetary12m": 1830.50, "clv": 5200.00, "pAlive": 0.87, "maxDaysPastDue": 0, "missedPayments12m": 0,
                 "chargebacks12m": 0, "complaints90d": 0, "fraudFlag": false}
                """.formatted(customer, recencyDays);
    }

    private static io.restassured.response.Response verify() {
        return as("admin").get("/api/v1/audit/verify");
    }

    private static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user + "-secret");
    }
}
