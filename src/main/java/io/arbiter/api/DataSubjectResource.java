package io.arbiter.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import io.arbiter.privacy.CustomerExport;

/** A data subject's rights over HTTP: the export of everything held about a customer. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DataSubjectResource {

    private final CustomerExport export;

    DataSubjectResource(CustomerExport export) {
        this.export = export;
    }

    @GET
    @Path("customers/{customerId}/export")
    @RolesAllowed({"privacy", "admin"})
    public CustomerExport.ExportedCustomer export(@PathParam("customerId") String customerId,
                                                  @Context SecurityContext security) {
        CustomerEndpoints.requireValidId(customerId);
        return export.export(customerId, security.getUserPrincipal().getName())
                .orElseThrow(() -> ProblemException.notFound("nothing is held about customer " + customerId));
    }
}
