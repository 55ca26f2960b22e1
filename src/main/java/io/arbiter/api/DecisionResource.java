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

    private final ActiveDecisionSets active;
    private final Evaluations evaluations;
    private final JsonBodies bodies;
    private final boolean recordStored;

    DecisionResource(ActiveDecisionSets active, Evaluations evaluations, JsonBodies bodies, BatchConfig batch) {
        this.active = active;
        this.evaluations = evaluations;
        this.bodies = bodies;
        this.recordStored = batch.recordSynchronous();
    }

    @POST
    @Path("{decisionSet}/evaluate")
    public Object evaluate(@PathParam("decisionSet") String decisionSet, InputStream body) {
        JsonNode request = bodies.read(body);
        CompiledDecisionSet set = active.get(decisionSet)
                .orElseThrow(() -> ProblemException.notFound("no decision set " + decisionSet));
        return evaluations.evaluate(set, request, recordStored);
    }
}
