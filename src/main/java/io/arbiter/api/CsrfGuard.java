package io.arbiter.api;

import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Cross-site request forgery protection for state-changing calls. A browser sends stored Basic credentials with
 * any request, including one a foreign page makes it send; a current browser marks such a request with
 * {@code Origin} and {@code Sec-Fetch-Site}, and cannot add a custom header to it, because that needs a CORS
 * preflight the service does not grant. So a state-changing call with browser markers must be same-origin by
 * {@code Sec-Fetch-Site}, or, from a browser that only sends {@code Origin}, come from this service's origin and
 * carry {@value #HEADER} (the workbench always sends it).
 * API clients that are not browsers (curl, services) send no such markers and are unaffected, even behind a
 * load balancer that sets cookies.
 */
public class CsrfGuard {

    public static final String HEADER = "X-Arbiter-Request";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        if (origin == null && fetchSite == null) {
            return;
        }
        // The browser's own word on where the request comes from; it also holds behind a proxy that rewrites Host.
        // A page of this service (the workbench, Swagger UI) is same-origin and needs nothing more.
        if (fetchSite != null) {
            if (!fetchSite.equals("same-origin")) {
                throw refused("a state-changing request must come from this service's own pages (Sec-Fetch-Site: "
                        + fetchSite + ")");
            }
            return;
        }
        // Browsers that do not send Sec-Fetch-Site: the origin must be ours and the request must carry a header
        // that a foreign page cannot add without a CORS preflight the service does not grant
        if (!sameOrigin(origin, request)) {
            throw refused("a state-changing request must come from this service's own origin, not " + origin);
        }
        String header = request.getHeaderString(HEADER);
        if (header == null || header.isBlank()) {
            throw refused("a state-changing request from a browser must carry the " + HEADER + " header");
        }
    }

    private static boolean sameOrigin(String origin, ContainerRequestContext request) {
        String host = request.getHeaderString("Host");
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    private static ProblemException refused(String detail) {
        return new ProblemException(Problem.of(403, "cross-site-request", "Cross-site request refused", detail));
    }
}
