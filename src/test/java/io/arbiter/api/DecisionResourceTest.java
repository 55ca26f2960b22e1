package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static io.arbiter.api.Fixtures.facts;
import static io.arbiter.api.Fixtures.id;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
class DecisionResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String EVALUATE = "/api/v1/decisions/customer-value/evaluate";

    @Test
    void storedCustomerIsDecidedWithExplanation() {
        as("channel").contentType(ContentType.JSON).body(facts(id("dec-1"))).put("/api/v1/customers/" + id("dec-1")).then().statusCode(201);
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"" + id("dec-1") + "\"}").post(EVALUATE)
                .then().statusCode(200)
                .body("decisionSet", equalTo("customer-value"))
                .body("version", equalTo(1))
                .body("customerId", equalTo(id("dec-1")))
                // the fixture's facts: CLV 5,200 with pAlive 0.87 is value-tier's row vt-r14, a clean record rg-r13
                .body("valueTier", equalTo("SILVER"))
                .body("riskGrade", equalTo("A"))
                .body("outputs.valueTier", equalTo("SILVER"))
                .body("outputs.riskGrade", equalTo("A"))
                .body("explanation.decisions.decision", equalTo(List.of("valueTier", "riskGrade")))
                .body("explanation.decisions.matchedRules", equalTo(List.of(List.of("vt-r14"), List.of("rg-r13"))))
                .body("actions", equalTo(List.of()))
                .body("explanation.rulesFired", equalTo(List.of()))
                .body("evaluatedAt", notNullValue())
                .body("durationMicros", notNullValue());
    }

    @Test
    void inlineFactsAreDecidedAndNotStored() {
        String fraud = facts(id("dec-inline-1")).replace("\"fraudFlag\": false", "\"fraudFlag\": true")
                .replace("\"maxDaysPastDue\": 0", "\"maxDaysPastDue\": 45");
        as("channel").contentType(ContentType.JSON).body("{\"facts\": " + fraud + "}").post(EVALUATE)
                .then().statusCode(200)
                .body("riskGrade", equalTo("E"))
                .body("actions.type", hasItem("RISK_REVIEW"))
                .body("actions.type", hasItem("COLLECTIONS"))
                .body("actions.type", not(hasItem("RETENTION_OFFER")))
                .body("actions.type", not(hasItem("LOYALTY_REWARD")));
        as("channel").get("/api/v1/customers/" + id("dec-inline-1")).then().statusCode(404);
    }

    /**
     * A body up to Quarkus REST's input buffer is read on the I/O thread, a larger one continues as a stream on a
     * worker: both forms are read whole and answered alike, and one past the JSON limit is refused with 413.
     */
    @Test
    void bodiesOnEitherSideOfTheInputBufferAreReadWholeAndOverTheLimitRefused() {
        String fraud = facts(id("dec-inline-3")).replace("\"fraudFlag\": false", "\"fraudFlag\": true");
        String padded = "{\"facts\": " + fraud + " ".repeat(200_000) + "}";
        for (String body : List.of("{\"facts\": " + fraud + "}", padded)) {
            as("channel").contentType(ContentType.JSON).body(body).post(EVALUATE)
                    .then().statusCode(200)
                    .body("customerId", equalTo(id("dec-inline-3")))
                    .body("riskGrade", equalTo("E"));
        }
        as("channel").contentType(ContentType.JSON).body("{\"facts\": " + fraud + " ".repeat(1_100_000) + "}")
                .post(EVALUATE)
                .then().statusCode(413).contentType(PROBLEM);
    }

    @Test
    void invalidInlineFactsPointIntoTheFactsObject() {
        as("channel").contentType(ContentType.JSON)
                .body("{\"facts\": " + facts("dec-inline-2").replace("\"recencyDays\": 12", "\"recencyDays\": 1.5") + "}")
                .post(EVALUATE)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo("/facts/recencyDays"));
    }

    @Test
    void requestMustNameExactlyOneSource() {
        as("channel").contentType(ContentType.JSON).body("{}").post(EVALUATE)
                .then().statusCode(400).contentType(PROBLEM);
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"a\", \"facts\": {}}").post(EVALUATE)
                .then().statusCode(400).contentType(PROBLEM);
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": 42}").post(EVALUATE)
                .then().statusCode(400).contentType(PROBLEM);
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"a\", \"extra\": 1}").post(EVALUATE)
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aCustomerIdThatIsNoIdIsRefusedWhereItStands() {
        for (String id : List.of("42", "null", "\"\"", "{}")) {
            as("channel").contentType(ContentType.JSON).body("{\"customerId\": " + id + "}").post(EVALUATE)
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].pointer", equalTo("/customerId"));
        }
        // an explicit null is a form given: with inline facts beside it, the request names two sources
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": null, \"facts\": {}}").post(EVALUATE)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo(""));
    }

    @Test
    void unknownCustomerAndUnknownSetAre404() {
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"never-stored\"}").post(EVALUATE)
                .then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("never-stored"));
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"" + id("dec-1") + "\"}")
                .post("/api/v1/decisions/no-such-set/evaluate")
                .then().statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("no-such-set"));
    }

    @Test
    void authenticationAndRolesAreEnforced() {
        RestAssured.given().contentType(ContentType.JSON).body("{\"customerId\": \"" + id("dec-1") + "\"}").post(EVALUATE)
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Basic"));
        RestAssured.given().auth().preemptive().basic("channel", "wrong").contentType(ContentType.JSON)
                .body("{\"customerId\": \"" + id("dec-1") + "\"}").post(EVALUATE)
                .then().statusCode(401).contentType(PROBLEM);
        RestAssured.given().get("/api/v1/customers/" + id("dec-1")).then().statusCode(401);
        as("analyst").get("/api/v1/customers/" + id("dec-1")).then().statusCode(403).contentType(PROBLEM);
    }

    /** Basic credentials that do not decode are a 401 problem, never a 500, and never reach a password check. */
    @Test
    void garbledBasicCredentialsAre401Problems() {
        String valid = java.util.Base64.getEncoder().encodeToString("channel:channel-secret".getBytes());
        for (String header : new String[] {"Basic !!!", "Basic  " + valid, "Basic " + valid + "!!", "basic %%",
                "Basic " + java.util.Base64.getEncoder().encodeToString("no-colon".getBytes())}) {
            RestAssured.given().header("Authorization", header).contentType(ContentType.JSON)
                    .body("{\"customerId\": \"" + id("dec-1") + "\"}").post(EVALUATE)
                    .then().statusCode(401).contentType(PROBLEM)
                    .header("WWW-Authenticate", containsString("Basic"))
                    .body("detail", containsString("Base64 of user:password"));
        }
        RestAssured.given().header("Authorization", "Basic " + valid).get("/api/v1/me").then().statusCode(200);
    }

    /**
     * An objection to automated decisions marks the decision for a person's review and withholds marketing actions,
     * whatever the rules recommend; the tier and grade are still given, and the explanation says why.
     */
    @Test
    void anObjectionToAutomatedDecisionsRequiresReviewAndWithholdsMarketing() {
        String facts = """
                {"customerId": "objection-1", "segment": "RETAIL", "country": "DE", "joinedOn": "2015-01-01",
                 "consent": {"marketing": true, "profiling": true%s},
                 "recencyDays": 10, "frequency12m": 40, "monetary12m": 20000, "clv": 50000, "pAlive": 0.95,
                 "maxDaysPastDue": 0, "missedPayments12m": 0, "chargebacks12m": 0, "complaints90d": 0,
                 "fraudFlag": false, "creditUtilization": 0.1, "lastContactDays": 40}
                """;
        io.restassured.path.json.JsonPath plain = as("channel").contentType(ContentType.JSON)
                .body("{\"facts\": " + facts.formatted("") + "}").post("/api/v1/decisions/customer-value/evaluate")
                .then().statusCode(200).body("humanReviewRequired", equalTo(false))
                .body("actions.type", hasItem("LOYALTY_REWARD"))
                .body("explanation.humanReview", org.hamcrest.Matchers.nullValue())
                .extract().jsonPath();
        as("channel").contentType(ContentType.JSON)
                .body("{\"facts\": " + facts.formatted(", \"objectsToAutomatedDecisions\": true") + "}")
                .post("/api/v1/decisions/customer-value/evaluate")
                .then().statusCode(200)
                .body("humanReviewRequired", equalTo(true))
                .body("valueTier", equalTo(plain.getString("valueTier")))
                .body("riskGrade", equalTo(plain.getString("riskGrade")))
                .body("actions.type", not(hasItem("LOYALTY_REWARD")))
                .body("actions.type", not(hasItem("RETENTION_OFFER")))
                .body("explanation.humanReview", containsString("a person must review this decision"))
                .body("explanation.humanReview", containsString("LOY-01"));
        as("channel").contentType(ContentType.JSON)
                .body("{\"facts\": " + facts.formatted(", \"objectsToAutomatedDecisions\": \"yes\"") + "}")
                .post("/api/v1/decisions/customer-value/evaluate")
                .then().statusCode(400).body("errors.pointer", hasItem("/facts/consent/objectsToAutomatedDecisions"));
    }
}
