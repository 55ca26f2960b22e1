package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static io.arbiter.api.Fixtures.facts;
import static io.arbiter.api.Fixtures.id;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class DataSubjectResourceTest {

    @Test
    void theExportHoldsFactsEventsStoredDecisionsAndHowTheCustomerIsDecidedNow() {
        String customer = id("export-1");
        as("channel").contentType(ContentType.JSON).body(facts(customer)).put("/api/v1/customers/" + customer)
                .then().statusCode(201);
        as("channel").contentType(ContentType.JSON).body("""
                {"eventId": "%s", "type": "COMPLAINT", "occurredAt": "2026-05-01T10:00:00Z"}
                """.formatted(id("export-ev-1"))).post("/api/v1/customers/" + customer + "/events")
                .then().statusCode(202);
        // recorded: the test profile records synchronous decisions of stored customers
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"" + customer + "\"}")
                .post("/api/v1/decisions/customer-value/evaluate").then().statusCode(200);

        int exportsBefore = exports();
        as("admin").get("/api/v1/customers/" + customer + "/export").then().statusCode(200)
                .body("customerId", equalTo(customer))
                .body("facts.consent.marketing", equalTo(true))
                .body("events", hasSize(1))
                .body("events[0].type", equalTo("COMPLAINT"))
                .body("latestDecisions[0].decisionSet", equalTo("customer-value"))
                .body("latestDecisions[0].version", notNullValue())
                .body("decisionHistory", not(hasSize(0)))
                .body("currentDecisions[0].explanation", notNullValue())
                .body("note", startsWith("facts, events"));
        org.junit.jupiter.api.Assertions.assertEquals(exportsBefore + 1, exports(), "this export is an audit link");
        as("analyst").get("/api/v1/audit").then().statusCode(200)
                .body("findAll { it.detail.contains('" + customer + "') }", hasSize(0));
    }

    @Test
    void onlyTheExportRoleOrAnAdminMayExportAndNothingHeldIs404() {
        String customer = id("export-2");
        as("channel").contentType(ContentType.JSON).body(facts(customer)).put("/api/v1/customers/" + customer)
                .then().statusCode(201);
        as("channel").get("/api/v1/customers/" + customer + "/export").then().statusCode(403);
        as("analyst").get("/api/v1/customers/" + customer + "/export").then().statusCode(403);
        as("channel").delete("/api/v1/customers/" + customer).then().statusCode(204);
        as("admin").get("/api/v1/customers/" + customer + "/export").then().statusCode(404)
                .contentType(Problem.MEDIA_TYPE);
        as("admin").get("/api/v1/customers/bad%20id/export").then().statusCode(400);
    }

    private static int exports() {
        return as("analyst").get("/api/v1/audit").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.action == 'EXPORT' && it.actor == 'admin' }").size();
    }
}
