package io.arbiter.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.jwt.build.Jwt;

/** Production authentication: OIDC bearer tokens, here verified against a locally generated signing key. */
@QuarkusTest
@TestProfile(BearerTokenTest.OidcOn.class)
class BearerTokenTest {

    static final String ISSUER = "https://idp.arbiter.test/realms/bank";
    static final KeyPair SIGNING_KEY = sharedKeyPair("test.jwt.signing-key");
    static final KeyPair OTHER_KEY = sharedKeyPair("test.jwt.other-key");

    public static class OidcOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.tenant-enabled", "true",
                    "quarkus.oidc.public-key", Base64.getEncoder().encodeToString(SIGNING_KEY.getPublic().getEncoded()),
                    "quarkus.oidc.token.issuer", ISSUER,
                    "arbiter.data-dir", "target/test-data-oidc");
        }
    }

    private static String token(KeyPair key, String issuer, Set<String> groups) {
        return Jwt.issuer(issuer).upn("jane.doe").groups(groups).expiresIn(300).sign(key.getPrivate());
    }

    @Test
    void validTokenWithTheRoleIsAccepted() {
        given().auth().oauth2(token(SIGNING_KEY, ISSUER, Set.of("channel")))
                .get("/api/v1/customers/bearer-unknown")
                .then().statusCode(404);
    }

    @Test
    void tokenWithoutTheRoleIsForbidden() {
        given().auth().oauth2(token(SIGNING_KEY, ISSUER, Set.of("analyst")))
                .get("/api/v1/customers/bearer-unknown")
                .then().statusCode(403).body("status", equalTo(403));
    }

    @Test
    void tokenSignedByAnotherKeyOrIssuerIsRejected() {
        given().auth().oauth2(token(OTHER_KEY, ISSUER, Set.of("channel")))
                .get("/api/v1/customers/bearer-unknown")
                .then().statusCode(401);
        given().auth().oauth2(token(SIGNING_KEY, "https://elsewhere.example", Set.of("channel")))
                .get("/api/v1/customers/bearer-unknown")
                .then().statusCode(401);
    }

    @Test
    void basicAuthStillWorksAlongside() {
        given().auth().preemptive().basic("channel", "channel-secret")
                .get("/api/v1/customers/bearer-unknown")
                .then().statusCode(404);
    }

    /**
     * The profile (configuring the service) and the test (signing tokens) run in different class loaders, so the
     * key pair is handed over through system properties rather than a static field.
     */
    static synchronized KeyPair sharedKeyPair(String property) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            String stored = System.getProperty(property);
            if (stored == null) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                stored = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()) + ","
                        + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
                System.setProperty(property, stored);
            }
            String[] parts = stored.split(",");
            return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1]))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0]))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
