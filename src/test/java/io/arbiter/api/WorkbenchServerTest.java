package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.http.ContentType;

/**
 * What the server does for the workbench: the page is protected like the API and sent with its security headers
 * and compressed; the caller's roles; cross-site protection of state-changing calls; the decision-table diff.
 */
@QuarkusTest
class WorkbenchServerTest {

    private static final String CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' "
            + "'unsafe-inline'; font-src 'self' data:; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    private static final String FACTS = """
            {"facts": {"customerId": "csrf-1", "segment": "RETAIL", "country": "DE", "joinedOn": "2019-03-01",
             "consent": {"marketing": true, "profiling": true}, "recencyDays": 12, "frequency12m": 14,
             "monetary12m": 1830.50, "clv": 5200.00, "pAlive": 0.87, "maxDaysPastDue": 0, "missedPayments12m": 0,
             "chargebacks12m": 0, "complaints90d": 0, "fraudFlag": false}}
            """;
    private static final String EVALUATE = "/api/v1/decision-sets/customer-value/versions/1/evaluate";

    @Test
    void thePageNeedsAUserAndCarriesTheContentSecurityPolicy() {
        RestAssured.given().get("/workbench/").then().statusCode(401)
                .header("WWW-Authenticate", containsString("basic"));
        as("channel").get("/workbench/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", equalTo(CSP))
                .header("Content-Security-Policy", not(containsString("unsafe-eval")))
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "no-cache")
                .body(containsString("<script src=\"dmn-editor-"));
        as("analyst").redirects().follow(false).get("/workbench").then().statusCode(302)
                .header("Location", "/workbench/");
    }

    @Test
    void theEditorBundleIsSentCompressedAndCachedByItsHashedName() {
        String page = as("analyst").get("/workbench/").then().statusCode(200).extract().asString();
        Matcher script = Pattern.compile("src=\"(dmn-editor-[0-9a-f]{12}\\.js)\"").matcher(page);
        assertTrue(script.find(), page);
        as("analyst").config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .header("Accept-Encoding", "gzip")
                .get("/workbench/" + script.group(1)).then().statusCode(200)
                .header("Content-Encoding", "gzip")
                .header("Cache-Control", containsString("max-age"))
                .header("Content-Security-Policy", equalTo(CSP));
    }

    @Test
    void theCallerSeesTheirOwnRoles() {
        as("approver").get("/api/v1/me").then().statusCode(200)
                .body("name", equalTo("approver")).body("roles", equalTo(List.of("approver")));
        RestAssured.given().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void stateChangingCallsFromAForeignPageAreRefused() {
        // A foreign page can make the browser send stored credentials and an Origin, but no custom header
        as("analyst").contentType(ContentType.JSON).header("Origin", "https://evil.example").body(FACTS)
                .post(EVALUATE).then().statusCode(403).contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("urn:arbiter:problem:cross-site-request"))
                .body("detail", containsString("https://evil.example"));
        // A browser that sends only Origin: even our own origin needs the header a foreign page cannot add
        as("analyst").contentType(ContentType.JSON).header("Origin", "http://localhost:" + RestAssured.port)
                .body(FACTS).post(EVALUATE).then().statusCode(403).body("detail", containsString(CsrfGuard.HEADER));
        as("approver").header("Sec-Fetch-Site", "cross-site")
                .post("/api/v1/decision-sets/customer-value/rollback").then().statusCode(403)
                .body("type", equalTo("urn:arbiter:problem:cross-site-request"));
        // Even with the header, a foreign origin is refused
        as("analyst").contentType(ContentType.JSON).header(CsrfGuard.HEADER, "1")
                .header("Origin", "https://evil.example").body(FACTS)
                .post(EVALUATE).then().statusCode(403).body("detail", containsString("https://evil.example"));
        as("analyst").contentType(ContentType.JSON).header(CsrfGuard.HEADER, "1")
                .header("Sec-Fetch-Site", "same-site").body(FACTS)
                .post(EVALUATE).then().statusCode(403);
    }

    @Test
    void theWorkbenchAndNonBrowserClientsAreServed() {
        // The workbench's own calls: same origin, with the header
        as("analyst").contentType(ContentType.JSON).header(CsrfGuard.HEADER, "workbench")
                .header("Sec-Fetch-Site", "same-origin").header("Origin", "https://arbiter.example").body(FACTS)
                .post(EVALUATE).then().statusCode(200).body("version", equalTo(1));
        as("analyst").contentType(ContentType.JSON).header(CsrfGuard.HEADER, "workbench")
                .header("Origin", "http://localhost:" + RestAssured.port).body(FACTS)
                .post(EVALUATE).then().statusCode(200);
        // Another page of the service (Swagger UI) is same-origin by the browser's word and needs no header
        as("analyst").contentType(ContentType.JSON).header("Sec-Fetch-Site", "same-origin").body(FACTS)
                .post(EVALUATE).then().statusCode(200);
        // curl and services send no browser markers and no header, though perhaps a load balancer's cookie
        as("analyst").contentType(ContentType.JSON).body(FACTS).post(EVALUATE).then().statusCode(200);
        as("analyst").contentType(ContentType.JSON).header("Cookie", "AWSALB=sticky").body(FACTS).post(EVALUATE)
                .then().statusCode(200);
        // Reading is never refused
        as("analyst").header("Origin", "https://evil.example").get("/api/v1/decision-sets").then().statusCode(200);
    }

    @Test
    void aVersionsScenarioSuitesRunOnDemand() {
        as("analyst").post("/api/v1/decision-sets/customer-value/versions/1/scenario-runs").then().statusCode(200)
                .body("version", equalTo(1)).body("failed", equalTo(0))
                .body("passed", greaterThan(20)).body("cases.passed", everyItem(equalTo(true)))
                .body("uncoveredRows", empty());
        as("analyst").post("/api/v1/decision-sets/customer-value/versions/999999/scenario-runs")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        as("channel").post("/api/v1/decision-sets/customer-value/versions/1/scenario-runs").then().statusCode(403);
    }

    @Test
    void theTableDiffNeedsAVersionToCompareWith() {
        as("analyst").get("/api/v1/decision-sets/customer-value/versions/1/table-diff")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors[0].pointer", equalTo("against"));
        as("analyst").get("/api/v1/decision-sets/customer-value/versions/1/table-diff?against=999999")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        as("analyst").get("/api/v1/decision-sets/customer-value/versions/1/table-diff?against=1")
                .then().statusCode(200).body("$", empty());
        as("channel").get("/api/v1/decision-sets/customer-value/versions/1/table-diff?against=1").then().statusCode(403);
    }
}
