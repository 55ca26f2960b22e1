package io.arbiter.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.arbiter.audit.AuditTrail;
import io.arbiter.batch.BatchJobs;
import io.arbiter.store.ClusterMembership;
import io.arbiter.store.ClusterShutdown;
import io.quarkus.security.identity.SecurityIdentity;

/** The cluster as this node sees it, and its planned stop. */
@Path("/api/v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    /** The answer to a planned stop: the members that are stopping. */
    public record Stopping(String status, List<String> members) {
    }

    private final ClusterMembership membership;
    private final ClusterShutdown shutdown;
    private final BatchJobs jobs;
    private final SecurityIdentity identity;
    private final AuditTrail audit;

    ClusterResource(ClusterMembership membership, ClusterShutdown shutdown, BatchJobs jobs, SecurityIdentity identity,
                    AuditTrail audit) {
        this.audit = audit;
        this.membership = membership;
        this.shutdown = shutdown;
        this.jobs = jobs;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"admin", "analyst"})
    public ClusterMembership.View view() {
        return membership.view();
    }

    /**
     * 202 once every member has saved its topology; the members exit after the answer. Refused while a batch job
     * is queued or running (it would write while members leave): cancel it or wait for it.
     */
    @POST
    @Path("/shutdown")
    @RolesAllowed("admin")
    public Response shutdown() {
        List<String> unfinished = jobs.unfinishedIds();
        if (!unfinished.isEmpty()) {
            throw new ProblemException(Problem.of(409, "jobs-unfinished", "Batch jobs are not finished",
                    "cancel or wait for the batch jobs " + unfinished + " before stopping the cluster"));
        }
        String actor = identity.getPrincipal().getName();
        audit.append(actor, "CLUSTER_STOP", "", 0, "planned stop of members " + membership.memberNames());
        try {
            return Response.accepted(new Stopping("STOPPING", shutdown.stopAll(actor)))
                    .build();
        } catch (ClusterShutdown.StopRefused e) {
            throw new ProblemException(Problem.of(503, "cluster-stop-refused", "The cluster was not stopped",
                    e.getMessage() + "; every member serves again"));
        }
    }
}
