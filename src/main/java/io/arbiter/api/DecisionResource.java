package io.arbiter.api;

import java.io.InputStream;
import java.util.List;
import java.util.function.Function;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arbiter.deciding.SynchronousDecisions;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.LiveSet;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.FactsParser;
import io.arbiter.input.FieldError;
import io.arbiter.repository.VersionSnapshots;

/**
 * Synchronous decisions: with a set's live versions (what channels ask: the active version, or the arm of a running
 * rollout the customer falls in, named in the answer's {@code arm}), or with a stored version under test before its
 * activation. The answer is a {@code CustomerDecision} for a stored customer or inline facts, a
 * {@code ContextDecision} for DMN input data.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DecisionResource {

    /**
     * An evaluation request in one of three forms: {@code customerId} (stored facts), {@code facts} (inline, not
     * stored), or {@code context} with {@code model} and {@code decisionService} where the set has several (any DMN
     * input data). The facts document and the input data stay JSON: the facts parser and the model's types check them.
     * The three form fields are JSON so that an explicit {@code null} counts as the form given, and is refused where
     * it stands, rather than as a field left out.
     */
    public record EvaluationRequest(JsonNode customerId, JsonNode facts, JsonNode context, String model,
                                    String decisionService) {
    }

    private final ActiveDecisionSets active;
    private final VersionSnapshots snapshots;
    private final SynchronousDecisions decisions;
    private final FactsParser parser;
    private final JsonRequestReader reader;

    DecisionResource(ActiveDecisionSets active, VersionSnapshots snapshots, SynchronousDecisions decisions,
                     FactsParser parser, JsonRequestReader reader) {
        this.active = active;
        this.snapshots = snapshots;
        this.decisions = decisions;
        this.parser = parser;
        this.reader = reader;
    }

    @POST
    @Path("decisions/{decisionSet}/evaluate")
    @NonBlocking
    @RolesAllowed({"channel", "analyst", "approver", "admin"})
    public Uni<Response> evaluate(@PathParam("decisionSet") String decisionSet, InputStream body) {
        return WorkerDispatch.call(() -> {
            EvaluationRequest request = reader.read(body, EvaluationRequest.class);
            LiveSet live = active.live(decisionSet)
                    .orElseThrow(() -> ProblemException.notFound("no decision set " + decisionSet));
            return answer(request, live.champion(), customerId -> decisions.decideStored(live, customerId),
                    facts -> decisions.decide(live, facts));
        });
    }

    /** Evaluates a stored version that need not be active, for testing it before activation. */
    @POST
    @Path("decision-sets/{name}/versions/{version}/evaluate")
    @NonBlocking
    @RolesAllowed({"analyst", "approver", "admin"})
    public Uni<Response> evaluateVersion(@PathParam("name") String name, @PathParam("version") long version,
                                         InputStream body) {
        return WorkerDispatch.call(() -> {
            EvaluationRequest request = reader.read(body, EvaluationRequest.class);
            CompiledDecisionSet set = snapshots.compiled(name, version);
            return answer(request, set, customerId -> decisions.decideStored(set, customerId),
                    facts -> decisions.decide(set, facts));
        });
    }

    /**
     * Answers the request in its form: a stored customer's or inline facts' decision by {@code stored} or
     * {@code inline} (the live versions, or a version under test), DMN input data by a model of {@code models}.
     */
    private Response answer(EvaluationRequest request, CompiledDecisionSet models,
                            Function<String, CustomerDecision> stored, Function<CustomerFacts, CustomerDecision> inline) {
        int forms = (request.customerId() != null ? 1 : 0) + (request.facts() != null ? 1 : 0)
                + (request.context() != null ? 1 : 0);
        if (forms != 1) {
            throw ProblemException.invalid("give exactly one of customerId (stored facts), facts (inline) or context "
                    + "(DMN input data)", List.of(new FieldError("", "exactly one of customerId, facts, context is required")));
        }
        if (request.customerId() != null) {
            String customerId = request.customerId().isTextual() ? request.customerId().textValue() : null;
            return Response.ok(stored.apply(customerId)).build();
        }
        if (request.facts() != null) {
            FactsParser.Result parsed = parser.parse(request.facts());
            if (!parsed.valid()) {
                throw ProblemException.invalid("the inline facts are not valid", parsed.errors().stream()
                        .map(e -> new FieldError("/facts" + e.pointer(), e.message()))
                        .toList());
            }
            return Response.ok(inline.apply(parsed.facts())).build();
        }
        if (!(request.context() instanceof ObjectNode inputData)) {
            throw ProblemException.invalid("context must be an object of DMN input data by name",
                    List.of(new FieldError("/context", "must be an object")));
        }
        return Response.ok(decisions.evaluate(models, request.model(), request.decisionService(), inputData)).build();
    }
}
