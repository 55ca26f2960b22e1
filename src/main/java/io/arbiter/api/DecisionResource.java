package io.arbiter.api;

import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.facts.FactsParser;
import io.arbiter.facts.FieldError;
import io.arbiter.ops.DecisionMetrics;

/** Synchronous customer decisions: a stored customer by id, or inline facts that are not stored. */
@Path("/api/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"channel", "analyst", "approver", "admin"})
public class DecisionResource {

    private final ActiveDecisionSets active;
    private final DecisionPipeline pipeline;
    private final CustomerFactsStore store;
    private final FactsParser parser;
    private final JsonBodies bodies;
    private final DecisionMetrics metrics;
    private final Clock clock;

    DecisionResource(ActiveDecisionSets active, DecisionPipeline pipeline, CustomerFactsStore store, FactsParser parser,
                     JsonBodies bodies, DecisionMetrics metrics, Clock clock) {
        this.active = active;
        this.pipeline = pipeline;
        this.store = store;
        this.parser = parser;
        this.bodies = bodies;
        this.metrics = metrics;
        this.clock = clock;
    }

    @POST
    @Path("{decisionSet}/evaluate")
    public CustomerDecision evaluate(@PathParam("decisionSet") String decisionSet, InputStream body) {
        JsonNode request = bodies.read(body);
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("customerId") && !name.equals("facts")) {
                throw ProblemException.invalid("unknown field " + name, List.of(new FieldError("/" + name, "unknown field")));
            }
        }
        JsonNode customerId = request.get("customerId");
        JsonNode inlineFacts = request.get("facts");
        if ((customerId == null) == (inlineFacts == null)) {
            throw ProblemException.invalid("give either customerId (stored facts) or facts (inline), not both or neither",
                    List.of(new FieldError("", "exactly one of customerId, facts is required")));
        }
        CompiledDecisionSet set = active.get(decisionSet)
                .orElseThrow(() -> ProblemException.notFound("no decision set " + decisionSet));
        CustomerFacts facts = customerId != null ? storedFacts(customerId) : inlineFacts(inlineFacts);
        CustomerDecision decision = pipeline.decide(set, facts, LocalDate.now(clock));
        metrics.record(decision);
        return decision;
    }

    private CustomerFacts storedFacts(JsonNode customerId) {
        if (!customerId.isTextual() || !FactsParser.CUSTOMER_ID.matcher(customerId.textValue()).matches()) {
            throw ProblemException.invalid("customerId is not valid",
                    List.of(new FieldError("/customerId", "must be 1-64 characters of A-Z a-z 0-9 . _ -")));
        }
        String id = customerId.textValue();
        return store.find(id).orElseThrow(() -> ProblemException.notFound("no customer " + id));
    }

    private CustomerFacts inlineFacts(JsonNode document) {
        FactsParser.Result parsed = parser.parse(document);
        if (!parsed.valid()) {
            throw ProblemException.invalid("the inline facts are not valid", parsed.errors().stream()
                    .map(e -> new FieldError("/facts" + e.pointer(), e.message()))
                    .toList());
        }
        return parsed.facts();
    }
}
