package io.arbiter.api;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.facts.FactsImport;
import io.arbiter.facts.FactsParser;
import io.arbiter.input.FieldError;
import io.arbiter.privacy.CustomerErasure;
import io.arbiter.privacy.LogMask;

/** Customer facts: upsert, read, erase, and bulk NDJSON import. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"channel", "admin"})
public class CustomerResource {

    private static final Logger LOG = Logger.getLogger(CustomerResource.class);

    private final CustomerFactsStore store;
    private final FactsParser parser;
    private final FactsImport factsImport;
    private final ImportGate imports;
    private final JsonRequestReader reader;
    private final LogMask mask;
    private final CustomerErasure erasure;

    CustomerResource(CustomerFactsStore store, FactsParser parser, FactsImport factsImport, JsonRequestReader reader,
                     LogMask mask, CustomerErasure erasure, ImportGate imports) {
        this.store = store;
        this.imports = imports;
        this.parser = parser;
        this.factsImport = factsImport;
        this.reader = reader;
        this.mask = mask;
        this.erasure = erasure;
    }

    @PUT
    @Path("customers/{customerId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response upsert(@PathParam("customerId") String customerId, InputStream body) {
        CustomerEndpoints.requireValidId(customerId);
        ObjectNode document = CustomerEndpoints.withPathCustomerId(reader.read(body, ObjectNode.class), customerId);
        FactsParser.Result parsed = parser.parseForUpsert(document);
        if (!parsed.valid()) {
            throw ProblemException.invalid("the customer facts are not valid", parsed.errors());
        }
        CustomerFactsStore.Upsert upsert;
        try {
            upsert = store.upsert(parsed);
        } catch (CustomerFactsStore.BehaviourRequired missing) {
            throw ProblemException.invalid(missing.getMessage(), FactsParser.BEHAVIOUR_FIELDS.stream()
                    .map(field -> new FieldError("/" + field, "is required unless the customer's events give it"))
                    .toList());
        }
        LOG.debugf("facts of %s stored at version %d", mask.customer(customerId), upsert.stored().version());
        return Response.status(upsert.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(upsert.stored())
                .build();
    }

    @GET
    @Path("customers/{customerId}")
    public CustomerFacts get(@PathParam("customerId") String customerId) {
        CustomerEndpoints.requireValidId(customerId);
        return store.find(customerId).orElseThrow(() -> ProblemException.notFound("no customer " + customerId));
    }

    @DELETE
    @Path("customers/{customerId}")
    public Response erase(@PathParam("customerId") String customerId, @Context SecurityContext security) {
        CustomerEndpoints.requireValidId(customerId);
        erasure.erase(customerId, security.getUserPrincipal().getName());
        return Response.noContent().build();
    }

    @POST
    @Path("customers:import")
    @Consumes(CustomerEndpoints.NDJSON)
    public FactsImport.ImportedFacts importFacts(InputStream body) {
        FactsImport.ImportedFacts report = imports.admit(body, factsImport::run);
        LOG.infof("facts import: %d accepted, %d rejected", report.accepted(), report.rejectedCount());
        return report;
    }
}
