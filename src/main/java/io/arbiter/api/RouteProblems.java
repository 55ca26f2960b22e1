package io.arbiter.api;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a problem from a Vert.x route filter, ahead of JAX-RS and its exception mappers: the filters that refuse a
 * request before Quarkus's own handlers would answer it with an empty body.
 */
@ApplicationScoped
public class RouteProblems {

    private final ObjectMapper json;

    RouteProblems(ObjectMapper json) {
        this.json = json;
    }

    void send(RoutingContext context, Problem problem) {
        send(context, problem, false);
    }

    /**
     * With {@code close}, the connection ends after the answer: for a request whose body was not read, or whose
     * framing cannot be trusted, so that no unread byte is taken as the next request.
     */
    void send(RoutingContext context, Problem problem, boolean close) {
        try {
            String body = json.writeValueAsString(problem.at(context.request().path()));
            if (close) {
                context.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
            context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(body);
            if (close) {
                context.response().close();
            }
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
