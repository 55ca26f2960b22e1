package io.arbiter.api;

import java.io.InputStream;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arbiter.ingestion.EventImport;
import io.arbiter.ingestion.EventIngestion;
import io.arbiter.events.EventParser;

/** Behaviour events: one at a time from a channel, or a streamed NDJSON feed. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"channel", "admin"})
public class EventResource {

    private static final Logger LOG = Logger.getLogger(EventResource.class);

    /** What a single event did: stored, or ignored as a replay of an event already held. */
    public record Receipt(String eventId, boolean duplicate) {
    }

    private final EventIngestion ingestion;
    private final EventImport eventImport;
    private final EventParser parser;
    private final JsonRequestReader reader;
    private final ImportGate imports;

    EventResource(EventIngestion ingestion, EventImport eventImport, EventParser parser, JsonRequestReader reader,
                  ImportGate imports) {
        this.ingestion = ingestion;
        this.imports = imports;
        this.eventImport = eventImport;
        this.parser = parser;
        this.reader = reader;
    }

    @POST
    @Path("customers/{customerId}/events")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response record(@PathParam("customerId") String customerId, InputStream body) {
        CustomerEndpoints.requireValidId(customerId);
        ObjectNode document = CustomerEndpoints.withPathCustomerId(reader.read(body, ObjectNode.class), customerId);
        EventParser.Result parsed = parser.parse(document);
        if (!parsed.valid()) {
            throw ProblemException.invalid("the event is not valid", parsed.errors());
        }
        EventIngestion.Ingested outcome = ingestion.ingest(customerId, List.of(parsed.event()));
        return Response.accepted(new Receipt(parsed.event().eventId(), outcome.duplicates() > 0)).build();
    }

    @POST
    @Path("events:import")
    @Consumes(CustomerEndpoints.NDJSON)
    public EventImport.ImportedEvents importEvents(InputStream body) {
        EventImport.ImportedEvents report = imports.admit(body, eventImport::run);
        LOG.infof("events import: %d accepted, %d duplicates, %d rejected", report.accepted(), report.duplicates(),
                report.rejectedCount());
        return report;
    }
}
