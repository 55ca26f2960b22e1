package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.arbiter.analytics.clv.BgNbdParameters;
import io.arbiter.analytics.clv.PurchaseHistorySummary;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * External acceptance: the CDNOW 1/10 sample (../shared/datasets/cdnow) sent through the events API, then the
 * lifetime-value models fitted through the fit API, reproduce the published BG/NBD and Gamma-Gamma results. A store
 * of its own, as the 2,357 customers would otherwise join every other test's population.
 */
@QuarkusTest
@TestProfile(CdnowThroughApiTest.OwnStore.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CdnowThroughApiTest {

    public static class OwnStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arbiter.data-dir", "target/test-data-cdnow/" + UUID.randomUUID(),
                    "arbiter.reporting-currency", "USD",
                    "arbiter.analytics.reference-date", "1998-06-30");
        }
    }

    @Test
    @Order(1)
    void publishedFitsAreReproducedFromEventsSentThroughTheApi() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "shared", "datasets", "cdnow", "CDNOW_sample.txt"));
        StringBuilder events = new StringBuilder();
        int number = 0;
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            String day = f[2];
            events.append("{\"eventId\":\"cdnow-").append(++number).append("\",\"customerId\":\"cdnow-").append(f[1])
                    .append("\",\"type\":\"PURCHASE\",\"occurredAt\":\"").append(day, 0, 4).append('-')
                    .append(day, 4, 6).append('-').append(day, 6, 8).append("T12:00:00-05:00\",\"amount\":")
                    .append(f[4]).append(",\"currency\":\"USD\"}\n");
        }
        as("channel").urlEncodingEnabled(false).contentType(CustomerEndpoints.NDJSON)
                .body(events.toString().getBytes(StandardCharsets.UTF_8)).post("/api/v1/events:import")
                .then().statusCode(200).body("accepted", equalTo(6919)).body("rejectedCount", equalTo(0));

        String location = as("analyst").contentType("application/json").body("{\"calibrationEnd\": \"1997-09-30\"}")
                .post("/api/v1/models/clv/fits")
                .then().statusCode(202).body("status", equalTo("RUNNING")).extract().header("Location");
        JsonPath fit = awaitStatus(location.substring(location.indexOf("/api/")), "COMPLETED");

        assertEquals(2357, fit.getInt("customers"));
        assertSignificant(0.243, fit.getDouble("bgnbd.r"), "r");
        assertSignificant(4.414, fit.getDouble("bgnbd.alpha"), "alpha");
        assertSignificant(0.793, fit.getDouble("bgnbd.a"), "a");
        assertSignificant(2.426, fit.getDouble("bgnbd.b"), "b");
        assertSignificant(-9582.4, fit.getDouble("bgnbd.logLikelihood"), "log-likelihood");
        assertEquals(946, fit.getInt("gammaGamma.customers"));
        assertWithinPercent(6.25, fit.getDouble("gammaGamma.p"), "p");
        assertWithinPercent(3.74, fit.getDouble("gammaGamma.q"), "q");
        assertWithinPercent(15.44, fit.getDouble("gammaGamma.gamma"), "gamma");
        BgNbdParameters fitted = new BgNbdParameters(fit.getDouble("bgnbd.r"), fit.getDouble("bgnbd.alpha"),
                fit.getDouble("bgnbd.a"), fit.getDouble("bgnbd.b"));
        assertEquals(1.226, fitted.expectedPurchases(39, new PurchaseHistorySummary(2, 30.43, 38.86, 0)), 0.0005);
        assertTrue(fit.getBoolean("current"), "a completed fit becomes the current one");

        // the completed fit starts a refresh that forecasts every customer and scores RFM
        awaitRefresh();
        as("analyst").get("/api/v1/customers/cdnow-0001").then().statusCode(403);
        as("channel").get("/api/v1/customers/cdnow-0001").then().statusCode(200)
                .body("pAlive", notNullValue())
                .body("clv", notNullValue())
                .body("expectedPurchases", notNullValue())
                .body("rfm.segment", notNullValue());
        // scores follow the population's quintiles: fewer days since the last purchase never scores lower on R,
        // more spend never lower on M
        List<Map<String, Object>> customers = new java.util.ArrayList<>();
        for (int id = 1; id <= 60; id++) {
            customers.add(as("channel").get("/api/v1/customers/cdnow-%04d".formatted(id)).then().statusCode(200)
                    .extract().jsonPath().getMap(""));
        }
        for (Map<String, Object> a : customers) {
            for (Map<String, Object> b : customers) {
                if (((Number) a.get("recencyDays")).intValue() < ((Number) b.get("recencyDays")).intValue()) {
                    assertTrue(score(a, "r") >= score(b, "r"), a + " / " + b);
                }
                if (new BigDecimal(a.get("monetary12m").toString()).compareTo(new BigDecimal(b.get("monetary12m").toString())) > 0) {
                    assertTrue(score(a, "m") >= score(b, "m"), a + " / " + b);
                }
            }
        }
        assertTrue(customers.stream().anyMatch(c -> score(c, "r") == 5) && customers.stream().anyMatch(c -> score(c, "r") == 1),
                "recency scores span the quintiles");
    }

    @SuppressWarnings("unchecked")
    private static int score(Map<String, Object> customer, String which) {
        return ((Number) ((Map<String, Object>) customer.get("rfm")).get(which)).intValue();
    }

    /** After the acceptance, whose counts need the sample alone in the store. */
    @Test
    @Order(2)
    void fitsAreVersionedAndTheCurrentOneCanBeChosen() throws Exception {
        as("channel").urlEncodingEnabled(false).contentType(CustomerEndpoints.NDJSON)
                .body(("{\"eventId\":\"v-1\",\"customerId\":\"versions-1\",\"type\":\"PURCHASE\","
                        + "\"occurredAt\":\"1997-03-01T10:00:00Z\",\"amount\":10,\"currency\":\"USD\"}\n"
                        + "{\"eventId\":\"v-2\",\"customerId\":\"versions-1\",\"type\":\"PURCHASE\","
                        + "\"occurredAt\":\"1997-05-01T10:00:00Z\",\"amount\":20,\"currency\":\"USD\"}\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/events:import").then().statusCode(200);
        String first = startFit("1997-12-31");
        awaitStatus("/api/v1/models/clv/fits/" + first, "COMPLETED");
        // no purchase before 1996: the fit fails, says why, and the completed one stays current
        String failed = startFit("1996-01-01");
        JsonPath failure = awaitStatus("/api/v1/models/clv/fits/" + failed, "FAILED");
        assertTrue(failure.getString("error").contains("no customer has a purchase"), failure.getString("error"));
        as("analyst").get("/api/v1/models/clv/fits/" + first).then().body("current", equalTo(true));
        as("approver").contentType("application/json").body("{\"fit\": \"" + failed + "\"}")
                .put("/api/v1/models/clv/current").then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("urn:arbiter:problem:fit-not-completed"))
                .body("detail", equalTo("fit " + failed + " is FAILED"));
        String second = startFit("1998-03-31");
        awaitStatus("/api/v1/models/clv/fits/" + second, "COMPLETED");
        as("analyst").get("/api/v1/models/clv/fits/" + first).then().body("current", equalTo(false));
        as("analyst").contentType("application/json").body("{\"fit\": \"" + first + "\"}")
                .put("/api/v1/models/clv/current").then().statusCode(403);
        as("approver").contentType("application/json").body("{\"fit\": \"" + first + "\"}")
                .put("/api/v1/models/clv/current").then().statusCode(200).body("current", equalTo(true));
        as("analyst").get("/api/v1/models/clv/fits").then().statusCode(200)
                .body("find { it.id == '" + first + "' }.current", equalTo(true))
                .body("find { it.id == '" + second + "' }.current", equalTo(false));
        as("analyst").get("/api/v1/models/clv/fits/999999").then().statusCode(404);
        as("analyst").contentType("application/json").body("{\"calibrationEnd\": \"yesterday\"}")
                .post("/api/v1/models/clv/fits").then().statusCode(400).body("errors[0].pointer", equalTo("/calibrationEnd"));
        as("analyst").contentType("application/json").body("{\"calibrationEnd\": \"2030-01-01\"}")
                .post("/api/v1/models/clv/fits").then().statusCode(400);
        as("analyst").contentType("application/json").body("{\"calibrationEnd\": \"2030-01-01\"}")
                .post("/api/v1/models/clv/fits").then().body("errors[0].pointer", equalTo("/calibrationEnd"));
        as("analyst").contentType("application/json").body("{}")
                .post("/api/v1/models/clv/fits").then().statusCode(400).body("errors[0].pointer", equalTo("/calibrationEnd"));
        for (String unknown : List.of("999999", "abc")) {
            as("approver").contentType("application/json").body("{\"fit\": \"" + unknown + "\"}")
                    .put("/api/v1/models/clv/current").then().statusCode(404);
        }
        as("channel").contentType("application/json").body("{\"calibrationEnd\": \"1997-09-30\"}")
                .post("/api/v1/models/clv/fits").then().statusCode(403);
    }

    private static String startFit(String calibrationEnd) {
        return as("analyst").contentType("application/json").body("{\"calibrationEnd\": \"" + calibrationEnd + "\"}")
                .post("/api/v1/models/clv/fits").then().statusCode(202).extract().path("id");
    }

    private static JsonPath awaitStatus(String path, String wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            JsonPath fit = as("analyst").get(path).then().statusCode(200).extract().jsonPath();
            if (!"RUNNING".equals(fit.getString("status"))) {
                assertEquals(wanted, fit.getString("status"), "fit ended " + fit.prettify());
                return fit;
            }
            assertTrue(System.nanoTime() < deadline, "fit still running after 2 minutes");
            Thread.sleep(200);
        }
    }

    private static void awaitRefresh() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            JsonPath runs = as("analyst").get("/api/v1/analytics/refreshes").then().statusCode(200).extract().jsonPath();
            if (!runs.getList("").isEmpty() && "COMPLETED".equals(runs.getString("[0].status"))) {
                assertEquals(2357, runs.getInt("[0].customers"));
                return;
            }
            assertTrue(System.nanoTime() < deadline, "refresh not completed after 2 minutes: " + runs.prettify());
            Thread.sleep(200);
        }
    }

    /** Equal when rounded to three significant figures, as the published figures are. */
    private static void assertSignificant(double expected, double actual, String name) {
        MathContext three = new MathContext(3);
        assertEquals(new BigDecimal(expected).round(three), new BigDecimal(actual).round(three), name + " = " + actual);
    }

    private static void assertWithinPercent(double expected, double actual, String name) {
        assertTrue(Math.abs(actual - expected) <= 0.01 * Math.abs(expected), name + " = " + actual + ", published " + expected);
    }
}
