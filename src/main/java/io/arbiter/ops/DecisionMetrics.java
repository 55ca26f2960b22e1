package io.arbiter.ops;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.inject.Singleton;

import io.arbiter.engine.CustomerDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Prometheus metrics of decisions: a latency histogram per decision set and version, and counts per decision set,
 * version, rollout arm ({@code none} when no rollout runs), tier and grade. Meters are looked up once per label
 * combination, not per call.
 */
@Singleton
public class DecisionMetrics {

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(CustomerDecision decision) {
        String version = Long.toString(decision.version());
        timers.computeIfAbsent(decision.decisionSet() + '\u0000' + version, k -> Timer.builder("arbiter.decision.latency")
                        .description("Time to evaluate one customer decision: DMN, rules and explanation")
                        .tag("decision_set", decision.decisionSet())
                        .tag("version", version)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1).dividedBy(100))
                        .maximumExpectedValue(Duration.ofSeconds(1))
                        .register(registry))
                .record(Duration.ofNanos(decision.durationMicros() * 1_000));
        String arm = decision.arm() == null ? "none" : decision.arm().label();
        counters.computeIfAbsent(decision.decisionSet() + '\u0000' + version + '\u0000' + arm + '\u0000'
                        + decision.valueTier() + '\u0000' + decision.riskGrade(), k -> Counter.builder("arbiter.decisions")
                        .description("Customer decisions by outcome")
                        .tag("decision_set", decision.decisionSet())
                        .tag("version", version)
                        .tag("arm", arm)
                        .tag("tier", decision.valueTier())
                        .tag("grade", decision.riskGrade())
                        .register(registry))
                .increment();
    }
}
