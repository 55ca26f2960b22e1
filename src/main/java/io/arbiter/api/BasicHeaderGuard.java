package io.arbiter.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

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

    private final RouteProblems problems;

    BasicHeaderGuard(RouteProblems problems) {
        this.problems = problems;
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
        context.response().putHeader("WWW-Authenticate", "Basic realm=\"arbiter\"");
        problems.send(context, Problem.of(401, "unauthenticated", "Authentication required",
                "the Basic credentials are not Base64 of user:password"));
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
