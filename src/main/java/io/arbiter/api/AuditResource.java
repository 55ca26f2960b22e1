package io.arbiter.api;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.arbiter.audit.AuditRecord;
import io.arbiter.audit.AuditTrail;
import io.arbiter.audit.AuditVerification;
import io.arbiter.audit.ChainReport;

/** The audit chain over HTTP: its links, and a verification of the whole chain and its seals. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditTrail trail;
    private final AuditVerification verification;

    AuditResource(AuditTrail trail, AuditVerification verification) {
        this.trail = trail;
        this.verification = verification;
    }

    @GET
    @RolesAllowed({"analyst", "approver", "admin"})
    public List<AuditRecord> entries(@QueryParam("decisionSet") String decisionSet) {
        return trail.entries(Optional.ofNullable(decisionSet));
    }

    @GET
    @Path("verify")
    @RolesAllowed("admin")
    public ChainReport verify() {
        return verification.verify();
    }
}
