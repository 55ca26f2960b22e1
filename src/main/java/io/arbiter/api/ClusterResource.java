package io.arbiter.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.arbiter.store.ClusterMembership;

/** The cluster as this node sees it. */
@Path("/api/v1/cluster")
@Produces(MediaType.APPLICATION_JSON)
public class ClusterResource {

    private final ClusterMembership membership;

    ClusterResource(ClusterMembership membership) {
        this.membership = membership;
    }

    @GET
    @RolesAllowed({"admin", "analyst"})
    public ClusterMembership.View view() {
        return membership.view();
    }
}
