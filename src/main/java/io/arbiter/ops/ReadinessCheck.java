package io.arbiter.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.infinispan.Cache;
import org.infinispan.lifecycle.ComponentStatus;

import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.CustomerFactsCache;
import io.arbiter.repository.DecisionRepository;
import io.arbiter.store.ClusterMembership;

/**
 * Ready only when this node can serve: in a cluster it has joined and its caches are available (not on the losing
 * side of a partition); the facts cache is running; and every decision set with an active version has a compiled
 * snapshot here, so a node that joins later compiles what is active before traffic reaches it.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private final Cache<String, CustomerFacts> facts;
    private final ActiveDecisionSets active;
    private final DecisionRepository repository;
    private final ClusterMembership cluster;

    ReadinessCheck(@CustomerFactsCache Cache<String, CustomerFacts> facts, ActiveDecisionSets active,
                   DecisionRepository repository, ClusterMembership cluster) {
        this.facts = facts;
        this.active = active;
        this.repository = repository;
        this.cluster = cluster;
    }

    @Override
    public HealthCheckResponse call() {
        ComponentStatus cacheStatus = facts.getStatus();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("arbiter")
                .withData("factsCache", cacheStatus.name());
        boolean ready = cacheStatus == ComponentStatus.RUNNING;
        if (!cluster.available()) {
            response.withData("cluster", cluster.view().status());
            ready = false;
        }
        if (ready) {
            for (String name : repository.names()) {
                boolean hasActive = repository.find(name).map(pointer -> pointer.activeVersion() > 0).orElse(false);
                CompiledDecisionSet set = active.get(name).orElse(null);
                if (set != null) {
                    response.withData(name, "v" + set.version());
                } else if (hasActive) {
                    response.withData(name, "not compiled");
                    ready = false;
                }
            }
        }
        return response.status(ready).build();
    }
}
