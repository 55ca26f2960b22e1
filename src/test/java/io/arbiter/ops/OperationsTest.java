package io.arbiter.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The operational endpoints, on the management interface only: the API's port does not serve them. */
@QuarkusTest
class OperationsTest {

    @TestHTTPResource(value = "health/ready", management = true)
    URL ready;
    @TestHTTPResource(value = "metrics", management = true)
    URL metrics;
    @TestHTTPResource(value = "openapi", management = true)
    URL openapi;

    @Test
    void readyWhenCacheAndDecisionSetAreUp() {
        given().get(ready).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.factsCache", equalTo("RUNNING"))
                .body("checks[0].data.customer-value", equalTo("v1"));
    }

    @Test
    void decisionMetricsAreExported() {
        String facts = """
                {"customerId": "metrics-1", "segment": "SME", "country": "FR", "joinedOn": "2015-01-01",
                 "consent": {"marketing": false, "profiling": true}, "recencyDays": 3, "frequency12m": 50,
                 "monetary12m": 90000, "maxDaysPastDue": 0, "missedPayments12m": 0, "chargebacks12m": 0,
                 "complaints90d": 0, "fraudFlag": false}
                """;
        given().auth().preemptive().basic("channel", "channel-secret").contentType(ContentType.JSON)
                .body("{\"facts\": " + facts + "}").post("/api/v1/decisions/customer-value/evaluate")
                .then().statusCode(200);
        given().get(metrics).then().statusCode(200)
                .body(containsString("arbiter_decision_latency_seconds_bucket{decision_set=\"customer-value\""))
                .body(containsString("arbiter_decisions_total{arm=\"none\",decision_set=\"customer-value\""));
    }

    @Test
    void openApiDescribesTheApi() {
        given().queryParam("format", "json").get(openapi).then().statusCode(200)
                .body(containsString("/api/v1/decisions/{decisionSet}/evaluate"))
                .body(containsString("/api/v1/customers/{customerId}"));
    }

    @Test
    void theApiPortServesNoneOfThem() {
        for (String path : new String[] {"/q/metrics", "/q/openapi", "/q/swagger-ui/", "/q/health/ready"}) {
            given().get(path).then().statusCode(404);
        }
    }
}
