package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static io.arbiter.api.Fixtures.facts;
import static io.arbiter.api.Fixtures.id;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
class CustomerResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void upsertCreatesThenReplacesAndVersions() {
        as("channel").contentType(ContentType.JSON).body(facts(id("cust-upsert-1")))
                .put("/api/v1/customers/" + id("cust-upsert-1"))
                .then().statusCode(201)
                .body("customerId", equalTo(id("cust-upsert-1")))
                .body("version", equalTo(1))
                .body("monetary12m", equalTo(1830.50f))
                .body("pAlive", equalTo(0.87f))
                .body("consent.marketing", equalTo(true))
                .body("updatedAt", notNullValue());
        as("channel").contentType(ContentType.JSON).body(facts(id("cust-upsert-1")).replace("\"recencyDays\": 12", "\"recencyDays\": 30"))
                .put("/api/v1/customers/" + id("cust-upsert-1"))
                .then().statusCode(200)
                .body("version", equalTo(2))
                .body("recencyDays", equalTo(30));
        as("channel").get("/api/v1/customers/" + id("cust-upsert-1"))
                .then().statusCode(200)
                .body("version", equalTo(2))
                .body("joinedOn", equalTo("2019-03-01"));
    }

    @Test
    void unknownCustomerIs404Problem() {
        as("channel").get("/api/v1/customers/nobody-here")
                .then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404))
                .body("detail", containsString("nobody-here"));
    }

    @Test
    void eraseRemovesTheCustomer() {
        as("channel").contentType(ContentType.JSON).body(facts(id("cust-erase-1"))).put("/api/v1/customers/" + id("cust-erase-1"))
                .then().statusCode(201);
        as("channel").delete("/api/v1/customers/" + id("cust-erase-1")).then().statusCode(204);
        as("channel").get("/api/v1/customers/" + id("cust-erase-1")).then().statusCode(404);
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"" + id("cust-erase-1") + "\"}")
                .post("/api/v1/decisions/customer-value/evaluate")
                .then().statusCode(404);
    }

    @Test
    void invalidFieldsAreAllReportedWithTheirPointers() {
        String body = facts(id("cust-bad-1"))
                .replace("\"RETAIL\"", "\"WHOLESALE\"")
                .replace("\"DE\"", "\"XX\"")
                .replace("\"recencyDays\": 12", "\"recencyDays\": -1")
                .replace("\"frequency12m\": 14", "\"frequency12m\": \"14\"")
                .replace("\"pAlive\": 0.87", "\"pAlive\": 1.5")
                .replace("\"joinedOn\": \"2019-03-01\"", "\"joinedOn\": \"2999-01-01\"")
                .replace("\"profiling\": true", "\"profiling\": \"yes\"")
                .replace("\"fraudFlag\": false", "\"fraudFlag\": false, \"favouriteColour\": \"blue\"");
        as("channel").contentType(ContentType.JSON).body(body).put("/api/v1/customers/" + id("cust-bad-1"))
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors", hasSize(8))
                .body("errors.pointer", hasItem("/segment"))
                .body("errors.pointer", hasItem("/country"))
                .body("errors.pointer", hasItem("/recencyDays"))
                .body("errors.pointer", hasItem("/frequency12m"))
                .body("errors.pointer", hasItem("/pAlive"))
                .body("errors.pointer", hasItem("/joinedOn"))
                .body("errors.pointer", hasItem("/consent/profiling"))
                .body("errors.pointer", hasItem("/favouriteColour"));
        as("channel").get("/api/v1/customers/" + id("cust-bad-1")).then().statusCode(404);
    }

    /** A joining date before 1900 is refused: -999999999-01-01 once wrapped tenure around and made a newcomer. */
    @Test
    void implausibleDatesAreRefused() {
        for (String joined : new String[] {"-999999999-01-01", "1899-12-31", "0019-03-01"}) {
            String id = id("cust-old-1");
            as("channel").contentType(ContentType.JSON)
                    .body(facts(id).replace("\"joinedOn\": \"2019-03-01\"", "\"joinedOn\": \"" + joined + "\""))
                    .put("/api/v1/customers/" + id)
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].pointer", equalTo("/joinedOn"))
                    .body("errors[0].message", equalTo("must be a date from 1900-01-01 to 9999-12-31"));
            as("channel").get("/api/v1/customers/" + id).then().statusCode(404);
        }
        String id = id("cust-old-2");
        as("channel").contentType(ContentType.JSON)
                .body(facts(id).replace("\"joinedOn\": \"2019-03-01\"", "\"joinedOn\": \"1900-01-01\""))
                .put("/api/v1/customers/" + id).then().statusCode(201);
    }

    @Test
    void missingRequiredFieldsAreReported() {
        as("channel").contentType(ContentType.JSON).body("{\"segment\": \"SME\"}").put("/api/v1/customers/cust-bad-2")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.pointer", hasItem("/country"))
                .body("errors.pointer", hasItem("/consent"))
                .body("errors.pointer", hasItem("/joinedOn"))
                .body("errors.pointer", hasItem("/fraudFlag"));
    }

    @Test
    void malformedJsonIs400WithItsPosition() {
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"x\",\n \"segment\": }")
                .put("/api/v1/customers/x")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("line 2"));
        as("channel").contentType(ContentType.JSON).body("[1,2]").put("/api/v1/customers/x")
                .then().statusCode(400).contentType(PROBLEM);
        as("channel").contentType(ContentType.JSON).body("").put("/api/v1/customers/x")
                .then().statusCode(400).contentType(PROBLEM);
    }

    /** A second document after the first is refused, not dropped: nothing of either is stored. */
    @Test
    void trailingContentIsRefusedAndNothingIsStored() {
        String id = id("cust-trailing-1");
        as("channel").contentType(ContentType.JSON).body(facts(id) + " {\"fraudFlag\": true}")
                .put("/api/v1/customers/" + id)
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("Trailing token"));
        as("channel").get("/api/v1/customers/" + id).then().statusCode(404);
        String line = facts(id).replace("\n", " ") + " {\"fraudFlag\": true}\n";
        as("channel").urlEncodingEnabled(false).contentType("application/x-ndjson")
                .body(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customers:import")
                .then().statusCode(200)
                .body("accepted", equalTo(0))
                .body("rejected[0].line", equalTo(1))
                .body("rejected[0].error", containsString("Trailing token"));
        as("channel").get("/api/v1/customers/" + id).then().statusCode(404);
    }

    @Test
    void pathAndBodyIdsMustAgree() {
        as("channel").contentType(ContentType.JSON).body(facts("someone-else")).put("/api/v1/customers/cust-id-1")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/customerId"));
        as("channel").contentType(ContentType.JSON).body(facts("bad id!")).put("/api/v1/customers/bad%20id!")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void bodyOverTheLimitIs413AndNothingIsStored() {
        String huge = facts(id("cust-huge-1")).replace("\"fraudFlag\": false", "\"fraudFlag\": false, \"pad\": \""
                + "x".repeat(1_100_000) + "\"");
        as("channel").contentType(ContentType.JSON).body(huge).put("/api/v1/customers/" + id("cust-huge-1"))
                .then().statusCode(413).contentType(PROBLEM);
        as("channel").get("/api/v1/customers/" + id("cust-huge-1")).then().statusCode(404);
    }

    /** ;parameters in a path segment are refused, not dropped: customer a is not written by PUT /customers/a;b=c. */
    @Test
    void pathParametersAreRefused() {
        String id = id("cust-matrix-1");
        as("channel").urlEncodingEnabled(false).contentType(ContentType.JSON).body(facts(id))
                .put("/api/v1/customers/" + id + ";b=c")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString(";parameters"));
        as("channel").get("/api/v1/customers/" + id).then().statusCode(404);
    }

    /** A body without a media type, or with the wildcard type, is a 415, as the API promises, and nothing is stored. */
    @Test
    void aBodyWithoutItsMediaTypeIs415() throws Exception {
        String id = id("cust-no-type-1");
        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString("channel:channel-secret".getBytes());
        for (String type : new String[] {null, "*/*"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create("http://localhost:" + RestAssured.port + "/api/v1/customers/" + id))
                    .header("Authorization", auth)
                    .PUT(HttpRequest.BodyPublishers.ofString(facts(id)));
            if (type != null) {
                request.header("Content-Type", type);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(415, response.statusCode(), response.body());
            assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse(""));
        }
        as("channel").get("/api/v1/customers/" + id).then().statusCode(404);
        as("channel").contentType(ContentType.JSON).body(facts(id)).put("/api/v1/customers/" + id)
                .then().statusCode(201);
    }

    @Test
    void wrongContentTypeIs415Problem() {
        as("channel").contentType(ContentType.TEXT).body("hello").put("/api/v1/customers/cust-ct-1")
                .then().statusCode(415).contentType(PROBLEM);
    }

    @Test
    void importStoresValidLinesAndReportsTheRest() {
        String ndjson = facts(id("imp-1")).replace("\n", " ") + "\n"
                + "{not json\n"
                + "\n"
                + facts(id("imp-2")).replace("\n", " ").replace("\"SME\"", "\"SME\"").replace("\"RETAIL\"", "\"NOPE\"") + "\n"
                + facts(id("imp-3")).replace("\n", " ") + "\r\n";
        as("channel").urlEncodingEnabled(false).contentType("application/x-ndjson").body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customers:import")
                .then().statusCode(200)
                .body("accepted", equalTo(2))
                .body("rejected", hasSize(2))
                .body("rejected[0].line", equalTo(2))
                .body("rejected[0].error", containsString("malformed JSON"))
                .body("rejected[1].line", equalTo(4))
                .body("rejected[1].customerId", equalTo(id("imp-2")))
                .body("rejected[1].error", containsString("/segment"));
        as("channel").get("/api/v1/customers/" + id("imp-1")).then().statusCode(200);
        as("channel").get("/api/v1/customers/" + id("imp-3")).then().statusCode(200);
        as("channel").get("/api/v1/customers/" + id("imp-2")).then().statusCode(404);
    }

    @Test
    void importRejectsOverlongLinesWithoutStopping() {
        String ndjson = "{\"customerId\": \"" + "y".repeat(70_000) + "\"}\n" + facts(id("imp-long-ok")).replace("\n", " ");
        as("channel").urlEncodingEnabled(false).contentType("application/x-ndjson").body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/v1/customers:import")
                .then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected[0].line", equalTo(1))
                .body("rejected[0].error", containsString("longer than"));
    }
}
