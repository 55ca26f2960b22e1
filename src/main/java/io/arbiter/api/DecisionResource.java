package io.arbiter.api;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import io.arbiter.batch.BatchConfig;
import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompiledDecisionSet;

/** Synchronous decisions with a set's active version: a stored customer, inline facts, or DMN input data. */
@Path("/api/v1/decisions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({"channel", "analyst", "approver", "admin"})
public class DecisionResource {

    /**
     * An evaluation request in one of three forms: {@code customerId} (stored facts), {@code facts} (inline, not
     * stored), or {@code context} with {@code model} and {@code decisionService} where the set has several (any DMN
     * input data). The facts document and the input data stay JSON: the facts parser and the model's types check them.
     */
    public record EvaluationRequest(String customerId, JsonNode facts, JsonNode context, String model,
                                    String decisionService) {
    }

    private final ActiveDecisionSets active;
    private final Evaluations evaluations;
    private final JsonRequestReader reader;
    private final boolean recordStored;

    DecisionResource(ActiveDecisionSets active, Evaluations evaluations, JsonRequestReader reader, BatchConfig batch) {
        this.active = active;
        this.evaluations = evaluations;
        this.reader = reader;
        this.recordStored = batch.recordSynchronous();
    }

    @POST
    @Path("{decisionSet}/evaluate")
    public Object evaluate(@PathParam("decisionSet") String decisionSet, InputStream body) {
        EvaluationRequest request = reader.read(body, EvaluationRequest.class);
        CompiledDecisionSet set = active.get(decisionSet)
                .orElseThrow(() -> ProblemException.notFound("no decision set " + decisionSet));
        return evaluations.evaluate(set, request, recordStored);
    }
}
