package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static io.arbiter.api.Fixtures.facts;
import static io.arbiter.api.Fixtures.id;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Behaviour events and the facts they keep current. The test profile's reference date is 2026-06-30. */
@QuarkusTest
class EventResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private static String event(String eventId, String customerId, String type, String at, String amount) {
        String money = amount == null ? "" : ", \"amount\": " + amount + ", \"currency\": \"EUR\"";
        return "{\"eventId\": \"%s\", \"customerId\": \"%s\", \"type\": \"%s\", \"occurredAt\": \"%s\"%s}"
                .formatted(eventId, customerId, type, at, money);
    }

    /** A year of a customer's life: purchases (two on one day), a refund, risk signals and contacts. */
    private static List<String> history(String customerId) {
        String p = id(customerId) + "-";
        return List.of(
                event(p + "1", customerId, "PURCHASE", "2025-03-10T10:00:00+01:00", "120.00"),
                event(p + "2", customerId, "PURCHASE", "2025-09-01T09:00:00+02:00", "80.00"),
                event(p + "3", customerId, "PURCHASE", "2025-09-01T18:30:00+02:00", "20.00"),
                event(p + "4", customerId, "REFUND", "2025-09-05T12:00:00+02:00", "20.00"),
                event(p + "5", customerId, "MISSED_PAYMENT", "2025-11-02T00:00:00Z", "45.00"),
                event(p + "6", customerId, "CHARGEBACK", "2025-05-02T00:00:00Z", "10.00"),
                event(p + "7", customerId, "COMPLAINT", "2026-05-20T08:00:00Z", null),
                event(p + "8", customerId, "COMPLAINT", "2026-02-01T08:00:00Z", null),
                event(p + "9", customerId, "CONTACT", "2026-06-10T08:00:00Z", null),
                event(p + "10", customerId, "PURCHASE", "2026-06-20T14:00:00+02:00", "300.00"),
                event(p + "11", customerId, "PAYMENT", "2026-06-21T14:00:00+02:00", "45.00"));
    }

    @Test
    void eventsGiveTheBehaviouralFactsAsOfTheReferenceDate() {
        String customer = id("ev-facts");
        for (String event : history(customer)) {
            as("channel").contentType(ContentType.JSON).body(event)
                    .post("/api/v1/customers/" + customer + "/events")
                    .then().statusCode(202).body("duplicate", equalTo(false));
        }
        as("channel").get("/api/v1/customers/" + customer).then().statusCode(200)
                .body("recencyDays", equalTo(10))
                // purchase days in the 12 months to 2026-06-30: 2025-09-01 and 2026-06-20
                .body("frequency12m", equalTo(2))
                // 80 + 20 + 300 bought, 20 refunded
                .body("monetary12m", equalTo(380))
                .body("missedPayments12m", equalTo(1))
                // the chargeback of 2025-05-02 is older than 12 months
                .body("chargebacks12m", equalTo(0))
                .body("complaints90d", equalTo(1))
                .body("lastContactDays", equalTo(20))
                .body("fromEvents.asOf", equalTo("2026-06-30"))
                .body("fromEvents.events", equalTo(11))
                .body("fromEvents.firstPurchaseOn", equalTo("2025-03-10"))
                .body("fromEvents.lastPurchaseOn", equalTo("2026-06-20"))
                .body("fromEvents.repeatPurchases", equalTo(2))
                .body("fromEvents.avgRepeatSpend", equalTo(200.0f))
                .body("segment", nullValue());
    }

    @Test
    void outOfOrderAndRepeatedDeliveryGiveTheSameFacts() {
        String inOrder = id("ev-order-a");
        String shuffled = id("ev-order-b");
        importEvents(String.join("\n", history(inOrder)));
        List<String> events = new ArrayList<>();
        for (String event : history(inOrder)) {
            events.add(event.replace("\"customerId\": \"" + inOrder + "\"", "\"customerId\": \"" + shuffled + "\""));
        }
        List<String> delivery = new ArrayList<>(events);
        delivery.addAll(events.subList(0, 5));
        Collections.shuffle(delivery, new Random(7));
        as("channel").urlEncodingEnabled(false).contentType(CustomerEndpoints.NDJSON).body(ndjson(delivery))
                .post("/api/v1/events:import")
                .then().statusCode(200).body("accepted", equalTo(11)).body("duplicates", equalTo(5));
        as("channel").urlEncodingEnabled(false).contentType(CustomerEndpoints.NDJSON).body(ndjson(delivery))
                .post("/api/v1/events:import")
                .then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(16));
        Map<String, Object> a = facts(inOrder);
        Map<String, Object> b = facts(shuffled);
        for (String field : List.of("recencyDays", "frequency12m", "monetary12m", "missedPayments12m", "chargebacks12m",
                "complaints90d", "lastContactDays", "fromEvents")) {
            assertEquals(a.get(field), b.get(field), field);
        }
    }

    @Test
    void singleEventReplayIsAcceptedAsDuplicateAndChangesNothing() {
        String customer = id("ev-replay");
        String event = event(id("replay-1"), customer, "PURCHASE", "2026-06-01T10:00:00Z", "50");
        as("channel").contentType(ContentType.JSON).body(event).post("/api/v1/customers/" + customer + "/events")
                .then().statusCode(202).body("duplicate", equalTo(false));
        int version = as("channel").get("/api/v1/customers/" + customer).then().extract().path("version");
        as("channel").contentType(ContentType.JSON).body(event).post("/api/v1/customers/" + customer + "/events")
                .then().statusCode(202).body("duplicate", equalTo(true));
        as("channel").get("/api/v1/customers/" + customer).then()
                .body("version", equalTo(version))
                .body("monetary12m", equalTo(50));
    }

    @Test
    void importReportsAcceptedDuplicatesAndEachRejectedLine() {
        String customer = id("ev-import");
        String good = event(id("imp-ok-1"), customer, "PURCHASE", "2026-01-05T10:00:00Z", "10.5");
        String body = String.join("\n",
                good,
                "{not json",
                good,
                event(id("imp-bad-ccy"), customer, "PURCHASE", "2026-01-05T10:00:00Z", "10").replace("EUR", "USD"),
                event(id("imp-bad-type"), customer, "GIFT", "2026-01-05T10:00:00Z", null),
                event(id("imp-no-amount"), customer, "PAYMENT", "2026-01-05T10:00:00Z", null),
                event(id("imp-future"), customer, "CONTACT", "2099-01-01T00:00:00Z", null),
                event(id("imp-no-offset"), customer, "CONTACT", "2026-01-05T10:00:00", null),
                event(id("imp-amount-contact"), customer, "CONTACT", "2026-01-05T10:00:00Z", "3"),
                event(id("imp-ancient"), customer, "CONTACT", "0001-01-01T00:00:00Z", null),
                "",
                event(id("imp-ok-2"), customer, "COMPLAINT", "2026-06-01T10:00:00Z", null));
        as("channel").contentType(CustomerEndpoints.NDJSON).body(body.getBytes(StandardCharsets.UTF_8))
                .urlEncodingEnabled(false).post("/api/v1/events:import")
                .then().statusCode(200)
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(1))
                .body("rejectedCount", equalTo(8))
                .body("rejected.line", equalTo(List.of(2, 4, 5, 6, 7, 8, 9, 10)))
                .body("rejected[0].error", containsString("malformed JSON"))
                .body("rejected[1].error", containsString("/currency must be the reporting currency EUR"))
                .body("rejected[1].customerId", equalTo(customer))
                .body("rejected[2].error", containsString("/type must be one of"))
                .body("rejected[3].error", containsString("/amount is required"))
                .body("rejected[4].error", containsString("/occurredAt must not be in the future"))
                .body("rejected[5].error", containsString("/occurredAt must be an ISO 8601 date-time with offset"))
                .body("rejected[6].error", containsString("/amount is not allowed for a CONTACT event"))
                .body("rejected[7].error", containsString("/occurredAt must be a date-time from 1900-01-01 to 9999-12-31"));
        as("channel").get("/api/v1/customers/" + customer).then().body("fromEvents.events", equalTo(2));
    }

    @Test
    void anImportLineWithBytesThatAreNotUtf8IsRejectedAsTheSingleEventEndpointDoes() throws Exception {
        String customer = id("ev-utf8");
        String good = event(id("utf8-ok"), customer, "CONTACT", "2026-01-05T10:00:00Z", null);
        // a Latin-1 "é" (0xE9) inside a string: a decoding reader turned it into U+FFFD and stored the event
        String bad = event(id("utf8-bad"), customer, "CONTACT", "2026-01-05T11:00:00Z", null)
                .replace("}", ", \"attributes\": {\"note\": \"caf#\"}}");
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write((good + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] badBytes = bad.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < badBytes.length; i++) {
            if (badBytes[i] == '#') {
                badBytes[i] = (byte) 0xE9;
            }
        }
        body.write(badBytes);
        as("channel").contentType(CustomerEndpoints.NDJSON).body(body.toByteArray())
                .urlEncodingEnabled(false).post("/api/v1/events:import")
                .then().statusCode(200)
                .body("accepted", equalTo(1))
                .body("rejected.line", equalTo(List.of(2)))
                .body("rejected[0].error", containsString("not valid UTF-8"));
        as("channel").get("/api/v1/customers/" + customer).then().body("fromEvents.events", equalTo(1));
    }

    @Test
    void invalidSingleEventIs400WithPointers() {
        String customer = id("ev-invalid");
        as("channel").contentType(ContentType.JSON)
                .body("{\"eventId\": 5, \"type\": \"PURCHASE\", \"occurredAt\": \"yesterday\", \"amount\": -3, \"currency\": \"EUR\", \"extra\": 1}")
                .post("/api/v1/customers/" + customer + "/events")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.pointer", equalTo(List.of("/extra", "/eventId", "/occurredAt", "/amount")));
        as("channel").contentType(ContentType.JSON)
                .body(event("x1", "someone-else", "CONTACT", "2026-01-05T10:00:00Z", null))
                .post("/api/v1/customers/" + customer + "/events")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].pointer", equalTo("/customerId"));
        // a short token that would be a 100,000-digit number in every sum
        for (String amount : List.of("1E+99999", "1E-99999")) {
            as("channel").contentType(ContentType.JSON)
                    .body(event("x2", customer, "PURCHASE", "2026-01-05T10:00:00Z", amount))
                    .post("/api/v1/customers/" + customer + "/events")
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].pointer", equalTo("/amount"))
                    .body("errors[0].message", containsString("below 10^15"));
        }
        as("channel").get("/api/v1/customers/" + customer).then().statusCode(404);
    }

    @Test
    void profileOnlyFactsJoinTheEventBehaviourAndTheCustomerCanBeDecided() {
        String customer = id("ev-profile");
        importEvents(String.join("\n", history(customer)));
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"" + customer + "\"}")
                .post("/api/v1/decisions/customer-value/evaluate")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString("no profile facts"));
        String profile = """
                {"segment": "RETAIL", "country": "DE", "joinedOn": "2019-03-01",
                 "consent": {"marketing": true, "profiling": true}, "maxDaysPastDue": 0, "fraudFlag": false}""";
        as("channel").contentType(ContentType.JSON).body(profile).put("/api/v1/customers/" + customer)
                .then().statusCode(200)
                .body("segment", equalTo("RETAIL"))
                .body("recencyDays", equalTo(10))
                .body("monetary12m", equalTo(380));
        // behaviour sent for a customer whose events own it does not overwrite it
        as("channel").contentType(ContentType.JSON).body(facts(customer)).put("/api/v1/customers/" + customer)
                .then().statusCode(200).body("recencyDays", equalTo(10)).body("frequency12m", equalTo(2));
        as("channel").contentType(ContentType.JSON).body("{\"customerId\": \"" + customer + "\"}")
                .post("/api/v1/decisions/customer-value/evaluate")
                .then().statusCode(200).body("valueTier", notNullValue());
    }

    @Test
    void profileOnlyFactsForACustomerWithoutEventsAre400() {
        String customer = id("ev-no-events");
        as("channel").contentType(ContentType.JSON).body("""
                        {"segment": "RETAIL", "country": "DE", "joinedOn": "2019-03-01",
                         "consent": {"marketing": true, "profiling": true}, "maxDaysPastDue": 0, "fraudFlag": false}""")
                .put("/api/v1/customers/" + customer)
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors", hasSize(6))
                .body("errors[0].pointer", equalTo("/recencyDays"));
        as("channel").get("/api/v1/customers/" + customer).then().statusCode(404);
    }

    @Test
    void erasureRemovesTheEventLog() {
        String customer = id("ev-erase");
        String event = event(id("erase-1"), customer, "PURCHASE", "2026-06-01T10:00:00Z", "50");
        as("channel").contentType(ContentType.JSON).body(event).post("/api/v1/customers/" + customer + "/events")
                .then().statusCode(202);
        as("channel").delete("/api/v1/customers/" + customer).then().statusCode(204);
        as("channel").get("/api/v1/customers/" + customer).then().statusCode(404);
        // the log went too: the same event is new again, and the facts start from it alone
        as("channel").contentType(ContentType.JSON).body(event).post("/api/v1/customers/" + customer + "/events")
                .then().statusCode(202).body("duplicate", equalTo(false));
        as("channel").get("/api/v1/customers/" + customer).then().body("fromEvents.events", equalTo(1));
    }

    @Test
    void onlyChannelsSendEvents() {
        as("analyst").contentType(ContentType.JSON)
                .body(event("a1", "c1", "CONTACT", "2026-01-05T10:00:00Z", null))
                .post("/api/v1/customers/c1/events")
                .then().statusCode(403).contentType(PROBLEM);
    }

    private static byte[] ndjson(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static void importEvents(String body) {
        as("channel").contentType(CustomerEndpoints.NDJSON).body(body.getBytes(StandardCharsets.UTF_8))
                .urlEncodingEnabled(false).post("/api/v1/events:import")
                .then().statusCode(200).body("rejectedCount", equalTo(0));
    }

    private static Map<String, Object> facts(String customerId) {
        return as("channel").get("/api/v1/customers/" + customerId).then().statusCode(200).extract().jsonPath().getMap("");
    }
}
