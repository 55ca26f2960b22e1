package io.arbiter.ops;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.infinispan.Cache;
import org.infinispan.lifecycle.ComponentStatus;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.CustomerFactsCache;

/** Ready only when the facts cache is running and the default decision set is compiled and active. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    private final Cache<String, CustomerFacts> facts;
    private final ActiveDecisionSets active;
    private final String defaultSet;

    ReadinessCheck(@CustomerFactsCache Cache<String, CustomerFacts> facts, ActiveDecisionSets active, ArbiterConfig config) {
        this.facts = facts;
        this.active = active;
        this.defaultSet = config.defaultDecisionSet();
    }

    @Override
    public HealthCheckResponse call() {
        ComponentStatus cacheStatus = facts.getStatus();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("arbiter")
                .withData("factsCache", cacheStatus.name());
        boolean ready = cacheStatus == ComponentStatus.RUNNING;
        CompiledDecisionSet set = active.get(defaultSet).orElse(null);
        if (set == null) {
            response.withData(defaultSet, "not compiled");
            ready = false;
        } else {
            response.withData(defaultSet, "v" + set.version());
        }
        return response.status(ready).build();
    }
}
