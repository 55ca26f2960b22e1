package io.arbiter.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * A Basic {@code Authorization} header whose credentials do not decode to {@code user:password} (bad Base64, a second
 * space, trailing junk) is answered 401 problem+json here, before Quarkus's Basic mechanism, which fails on it with
 * an empty 500. The filter runs ahead of authentication, so the request never reaches a password check.
 */
@ApplicationScoped
public class BasicHeaderGuard {

    /** Above Quarkus's authentication handler (200), so this runs first. */
    private static final int PRIORITY = 250;
    private static final String SCHEME = "Basic ";

    private final ObjectMapper json;

    BasicHeaderGuard(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || decodable(header.substring(SCHEME.length()))) {
            context.next();
            return;
        }
        Problem problem = Problem.of(401, "unauthenticated", "Authentication required",
                "the Basic credentials are not Base64 of user:password").at(context.request().path());
        try {
            context.response().setStatusCode(401)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader("WWW-Authenticate", "Basic realm=\"arbiter\"")
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }

    static boolean decodable(String credentials) {
        try {
            String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            return decoded.indexOf(':') > 0;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
