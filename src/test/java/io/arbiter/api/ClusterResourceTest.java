package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The cluster endpoints on the single-node default: the view, and who may see it or stop the cluster. */
@QuarkusTest
class ClusterResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aSingleNodeIsItsOwnOnlyMember() {
        String node = as("analyst").get("/api/v1/cluster").then().statusCode(200)
                .body("clustered", equalTo(false))
                .body("status", equalTo("HEALTHY"))
                .extract().path("nodeName");
        as("admin").get("/api/v1/cluster").then().statusCode(200)
                .body("members", contains(node))
                .body("coordinator", equalTo(node));
    }

    @Test
    void theViewNeedsAnAnalystOrAnAdmin() {
        given().get("/api/v1/cluster").then().statusCode(401).contentType(PROBLEM);
        as("channel").get("/api/v1/cluster").then().statusCode(403).contentType(PROBLEM);
        as("approver").get("/api/v1/cluster").then().statusCode(403).contentType(PROBLEM);
    }

    /** Only an admin may stop the cluster (ClusterIT stops one; here an admin would stop the test's own JVM). */
    @Test
    void theStopNeedsAnAdmin() {
        given().post("/api/v1/cluster/shutdown").then().statusCode(401).contentType(PROBLEM);
        for (String role : new String[] {"channel", "analyst", "approver"}) {
            as(role).post("/api/v1/cluster/shutdown").then().statusCode(403).contentType(PROBLEM);
        }
        as("analyst").get("/api/v1/cluster").then().statusCode(200).body("status", equalTo("HEALTHY"));
    }
}
