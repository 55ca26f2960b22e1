package io.arbiter.api;

import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The size and framing limits of a request, answered as problems before any other handler. Vert.x and Quarkus
 * enforce the same kinds of limit themselves, but answer them with an empty body: their own limits are set higher
 * ({@code application.properties}) so that these are the ones a client meets, and only a request far past them
 * (64 KiB of request line or of headers) still gets Vert.x's bare status.
 */
@ApplicationScoped
public class FramingGuard {

    /** The longest request target answered; past it 414. A customer id is at most 128 characters. */
    static final int MAX_URI_LENGTH = 8_192;
    /** The most header bytes (names and values) answered; past them 431. */
    static final int MAX_HEADER_BYTES = 16_384;
    /** Ahead of {@link BasicHeaderGuard} and of Quarkus's body-size limit (whose route order is -2). */
    private static final int PRIORITY = 300;

    private final RouteProblems problems;
    private final long maxBodyBytes;

    FramingGuard(RouteProblems problems,
                 @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.problems = problems;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > MAX_URI_LENGTH) {
            problems.send(context, Problem.of(414, "uri-too-long", "URI Too Long", "the request target has "
                    + request.uri().length() + " characters; at most " + MAX_URI_LENGTH + " are accepted"), true);
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length();
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            problems.send(context, Problem.of(431, "headers-too-large", "Request Header Fields Too Large",
                    "the headers have " + headerBytes + " bytes; at most " + MAX_HEADER_BYTES + " are accepted"), true);
            return;
        }
        String codings = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
        if (codings != null && !codings.trim().toLowerCase(Locale.ROOT).equals("chunked")) {
            // RFC 9112 6.3: without chunked as the only coding the body's length is unknown; the bytes that follow
            // must not be read as another request, so the connection closes
            problems.send(context, Problem.of(400, "unsupported-transfer-coding", "Unsupported transfer coding",
                    "Transfer-Encoding '" + codings + "' is not accepted; send chunked or a Content-Length"), true);
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredBytes(length) > maxBodyBytes) {
            problems.send(context, Problem.of(413, "body-too-large", "Content Too Large", "the body has "
                    + length.trim() + " bytes; at most " + maxBodyBytes + " are accepted"), true);
            return;
        }
        context.next();
    }

    /** Netty has already refused a Content-Length that is not a number. */
    private static long declaredBytes(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException unreadable) {
            return -1;
        }
    }
}
