package io.arbiter.api;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.arbiter.input.FieldError;
import io.vertx.core.http.HttpServerRequest;

/**
 * Holds requests to the framing the API documents, before a resource is matched. A path segment with
 * {@code ;parameters} is refused: the router drops them, so {@code PUT /customers/a;b=c} would write customer
 * {@code a}. A body sent without a media type, or as {@code *}{@code /*}, is refused with 415: it used to be read as
 * JSON, though the API promises 415 for anything but the media type an endpoint declares.
 */
public class ProtocolGuard {

    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request, HttpServerRequest http) {
        // the raw path as it came: the JAX-RS view of the URI has the ;parameters already cut off
        String raw = http.path();
        if (!raw.startsWith("/api/")) {
            return;
        }
        if (raw.indexOf(';') >= 0) {
            throw ProblemException.invalid("a path segment must not carry ;parameters: " + raw,
                    List.of(new FieldError("", "path parameters (;name=value) are not part of the API")));
        }
        if (WITH_BODY.contains(request.getMethod()) && hasBody(request)) {
            String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
            if (type == null || type.isBlank() || type.trim().startsWith("*/*")) {
                throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                        "a request body needs its Content-Type (application/json, or application/x-ndjson for an"
                                + " import); " + (type == null || type.isBlank() ? "none was sent" : type + " names none")));
            }
        }
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        return request.getHeaderString("Transfer-Encoding") != null
                || (length != null && !length.trim().equals("0"));
    }
}
