package io.arbiter.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.security.KeyPair;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;

/**
 * The production set-up of docs/operations.md, "Production authentication: OIDC": OIDC in hybrid mode with HTTP
 * Basic off. A browser opening the workbench is sent to the identity provider's login (authorization code flow),
 * while API clients keep using bearer tokens. The identity provider is a local HTTP server publishing the signing key as a JWKS.
 */
@QuarkusTest
@TestProfile(WorkbenchOidcLoginTest.Production.class)
class WorkbenchOidcLoginTest {

    static final KeyPair SIGNING_KEY = BearerTokenTest.sharedKeyPair("test.jwt.signing-key");
    static final String ISSUER = LocalIdentityProvider.start(SIGNING_KEY);

    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("quarkus.oidc.tenant-enabled", "true"),
                    Map.entry("quarkus.oidc.application-type", "hybrid"),
                    Map.entry("quarkus.oidc.auth-server-url", ISSUER),
                    Map.entry("quarkus.oidc.discovery-enabled", "false"),
                    Map.entry("quarkus.oidc.authorization-path", "protocol/openid-connect/auth"),
                    Map.entry("quarkus.oidc.token-path", "protocol/openid-connect/token"),
                    Map.entry("quarkus.oidc.jwks-path", "protocol/openid-connect/certs"),
                    Map.entry("quarkus.oidc.token.issuer", ISSUER),
                    Map.entry("quarkus.oidc.client-id", "arbiter"),
                    Map.entry("quarkus.oidc.credentials.secret", "arbiter-client-secret"),
                    Map.entry("quarkus.http.auth.basic", "false"),
                    Map.entry("arbiter.data-dir", "target/test-data-oidc-web"));
        }
    }

    @Test
    void aBrowserOpeningTheWorkbenchIsSentToTheIdentityProvidersLogin() {
        given().redirects().follow(false).accept("text/html")
                .get("/workbench/")
                .then().statusCode(302)
                .header("Location", allOf(startsWith(ISSUER + "/protocol/openid-connect/auth?"),
                        containsString("client_id=arbiter"), containsString("response_type=code"),
                        containsString("redirect_uri=")));
    }

    @Test
    void apiClientsKeepUsingBearerTokens() {
        String token = Jwt.issuer(ISSUER).upn("ana.lyst").groups(Set.of("analyst")).expiresIn(300)
                .jws().keyId("arbiter-test").sign(SIGNING_KEY.getPrivate());
        given().auth().oauth2(token).get("/api/v1/me")
                .then().statusCode(200).body("roles", hasItem("analyst"));
    }

    @Test
    void basicCredentialsAreNotAcceptedInProduction() {
        given().redirects().follow(false).auth().preemptive().basic("analyst", "analyst-secret")
                .accept("application/json")
                .get("/api/v1/me")
                .then().statusCode(org.hamcrest.Matchers.not(200));
    }
}
