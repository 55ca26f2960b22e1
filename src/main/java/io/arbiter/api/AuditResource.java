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
import io.arbiter.history.DecisionRecords;
import io.arbiter.history.HistoryReport;

/** The audit chain over HTTP: its links, and a verification of it, its seals and every customer's decision history. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditTrail trail;
    private final AuditVerification verification;
    private final DecisionRecords decisions;

    AuditResource(AuditTrail trail, AuditVerification verification, DecisionRecords decisions) {
        this.trail = trail;
        this.verification = verification;
        this.decisions = decisions;
    }

    @GET
    @RolesAllowed({"analyst", "approver", "admin"})
    public List<AuditRecord> entries(@QueryParam("decisionSet") String decisionSet) {
        return trail.entries(Optional.ofNullable(decisionSet));
    }

    /** Both chains: the audit trail's and every customer's decision history. */
    public record Verification(boolean intact, ChainReport audit, HistoryReport decisionHistory) {
    }

    @GET
    @Path("verify")
    @RolesAllowed("admin")
    public Verification verify() {
        ChainReport audit = verification.verify();
        HistoryReport history = decisions.verify();
        return new Verification(audit.intact() && history.intact(), audit, history);
    }
}
