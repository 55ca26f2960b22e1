package io.arbiter.api;

import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import io.arbiter.input.FieldError;
import io.arbiter.input.PlausibleDates;
import io.arbiter.monitoring.DecisionDrift;
import io.arbiter.repository.DecisionRepository;
import io.arbiter.repository.SetPointer;

/** A decision set's outcome drift over time windows, and the baseline window it is measured against. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DriftResource {

    static final int MAX_WINDOWS = 400;
    /** The instants of {@link PlausibleDates}: beyond them a window's start in milliseconds would overflow. */
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final String DRIFT = "decision-sets/{name}/drift";

    /** The baseline to pin: any instant in the window meant. */
    public record BaselineRequest(String window) {
    }

    private final DecisionRepository repository;
    private final DecisionDrift drift;
    private final JsonRequestReader reader;

    DriftResource(DecisionRepository repository, DecisionDrift drift, JsonRequestReader reader) {
        this.repository = repository;
        this.drift = drift;
        this.reader = reader;
    }

    @GET
    @Path(DRIFT)
    @RolesAllowed({"analyst", "approver", "admin"})
    public DecisionDrift.Drift get(@PathParam("name") String name,
                                   @QueryParam("windows") @DefaultValue("14") String windows) {
        int count;
        try {
            count = Integer.parseInt(windows);
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (count < 1 || count > MAX_WINDOWS) {
            throw ProblemException.invalid("windows must be a whole number from 1 to " + MAX_WINDOWS,
                    List.of(new FieldError("windows", "must be from 1 to " + MAX_WINDOWS + ", not " + windows)));
        }
        return drift.of(pointer(name), count);
    }

    @PUT
    @Path(DRIFT + "/baseline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"analyst", "approver", "admin"})
    public DecisionDrift.Drift pin(@PathParam("name") String name, InputStream body, SecurityContext security) {
        BaselineRequest request = reader.read(body, BaselineRequest.class);
        Instant window;
        try {
            window = Instant.parse(String.valueOf(request.window()));
        } catch (DateTimeParseException e) {
            window = null;
        }
        if (window == null || window.isBefore(EARLIEST) || window.isAfter(LATEST)) {
            throw ProblemException.invalid("window must be an instant in the baseline window",
                    List.of(new FieldError("/window", "must be an ISO-8601 instant such as 2026-11-28T00:00:00Z, "
                            + PlausibleDates.RANGE)));
        }
        pointer(name);
        return drift.of(repository.pinDriftBaseline(name, window, security.getUserPrincipal().getName()), 14);
    }

    @DELETE
    @Path(DRIFT + "/baseline")
    @RolesAllowed({"analyst", "approver", "admin"})
    public DecisionDrift.Drift unpin(@PathParam("name") String name, SecurityContext security) {
        pointer(name);
        return drift.of(repository.pinDriftBaseline(name, null, security.getUserPrincipal().getName()), 14);
    }

    private SetPointer pointer(String name) {
        return repository.find(name).orElseThrow(() -> ProblemException.notFound("no decision set " + name));
    }
}
