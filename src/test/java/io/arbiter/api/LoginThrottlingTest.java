package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Wrong passwords are throttled per client before their PBKDF2 check: past the limit a client gets 429 with
 * Retry-After, even for a correct password not yet verified, while a session already verified goes on. Its own
 * service (a profile), since every test's requests come from the same address.
 */
@QuarkusTest
@TestProfile(LoginThrottlingTest.LowLimits.class)
class LoginThrottlingTest {

    public static class LowLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arbiter.data-dir", "target/test-data-throttling/" + UUID.randomUUID(),
                    "arbiter.security.login.max-failures-per-client", "3",
                    "arbiter.security.login.max-failures-per-user", "100");
        }
    }

    @Test
    void aClientPastItsLimitIsRefusedUncheckedUntilItsWindowEnds() {
        as("channel").get("/api/v1/me").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            RestAssured.given().auth().preemptive().basic("analyst", "guess-" + i).get("/api/v1/me")
                    .then().statusCode(401);
        }
        RestAssured.given().auth().preemptive().basic("analyst", "guess-3").get("/api/v1/me")
                .then().statusCode(429).contentType(Problem.MEDIA_TYPE)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("urn:arbiter:problem:too-many-failed-logins"));
        as("approver").get("/api/v1/me").then().statusCode(429)
                .body("detail", containsString("retry after"));
        as("channel").get("/api/v1/me").then().statusCode(200).body("name", equalTo("channel"));
    }
}
