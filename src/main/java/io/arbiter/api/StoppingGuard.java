package io.arbiter.api;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.arbiter.store.ClusterShutdown;

/**
 * Refuses every API request once this member takes part in a planned stop of the cluster: its topology is saved,
 * and a write taken now could land on members that have already left and be missing after the restart.
 */
public class StoppingGuard {

    private final ClusterShutdown shutdown;

    StoppingGuard(ClusterShutdown shutdown) {
        this.shutdown = shutdown;
    }

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        if (shutdown.stopping() && request.getUriInfo().getRequestUri().getRawPath().startsWith("/api/")) {
            throw new ProblemException(Problem.of(503, "cluster-stopping", "The cluster is stopping",
                    "a planned stop of the whole cluster is under way; retry once it has restarted"));
        }
    }
}
