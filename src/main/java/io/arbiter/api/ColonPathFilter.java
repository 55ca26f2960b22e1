package io.arbiter.api;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Custom methods such as {@code /customers:import} keep working when a client percent-encodes the colon
 * ({@code %3A}), which RFC 3986 makes equivalent; routes are matched on the raw path.
 */
public class ColonPathFilter {

    @ServerRequestFilter(preMatching = true)
    public void decodeColon(ContainerRequestContext request) {
        String raw = request.getUriInfo().getRequestUri().getRawPath();
        int at = raw.toLowerCase(java.util.Locale.ROOT).indexOf("%3a");
        if (at >= 0 && raw.startsWith("/api/")) {
            request.setRequestUri(request.getUriInfo().getRequestUriBuilder()
                    .replacePath(raw.replaceAll("(?i)%3a", ":")).build());
        }
    }
}
