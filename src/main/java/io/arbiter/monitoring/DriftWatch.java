package io.arbiter.monitoring;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.arbiter.audit.AuditTrail;
import io.arbiter.repository.DecisionRepository;
import io.arbiter.repository.SetPointer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Computes every set's drift on a schedule: exports each outcome's stability index as the gauge
 * {@code arbiter_drift_psi{decision_set, outcome}} (NaN until there is an index), and when an index is in the major
 * band while the latest window and the baseline each hold {@code arbiter.drift.min-decisions} records a drift alert, once per set, window and outcome in the cluster (the first node to record it also logs a
 * WARN and appends it to the audit chain).
 */
@ApplicationScoped
public class DriftWatch {

    private static final Logger LOG = Logger.getLogger(DriftWatch.class);
    /** Windows read per check: the latest is what is compared. */
    private static final int WINDOWS = 1;

    private final DecisionRepository repository;
    private final DecisionDrift drift;
    private final AuditTrail audit;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ConcurrentMap<String, AtomicReference<Double>> gauges = new ConcurrentHashMap<>();
    private final long minDecisions;

    DriftWatch(DecisionRepository repository, DecisionDrift drift, AuditTrail audit, MeterRegistry registry,
               Clock clock, io.arbiter.config.ArbiterConfig config) {
        this.minDecisions = config.drift().minDecisions();
        this.repository = repository;
        this.drift = drift;
        this.audit = audit;
        this.registry = registry;
        this.clock = clock;
    }

    @Scheduled(identity = "drift-watch", every = "${arbiter.drift.check-every}", delayed = "${arbiter.drift.check-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void check() {
        for (String name : repository.names()) {
            repository.find(name).filter(p -> p.activeVersion() != 0).ifPresent(this::check);
        }
    }

    public void check(SetPointer pointer) {
        DecisionDrift.Drift now = drift.of(pointer, WINDOWS);
        Psi tier = now.psi() == null ? null : now.psi().valueTier();
        Psi grade = now.psi() == null ? null : now.psi().riskGrade();
        gauge(pointer.decisionSet(), "valueTier").set(tier == null ? Double.NaN : tier.value());
        gauge(pointer.decisionSet(), "riskGrade").set(grade == null ? Double.NaN : grade.value());
        alertOn(now, "valueTier", tier);
        alertOn(now, "riskGrade", grade);
    }

    private void alertOn(DecisionDrift.Drift now, String outcome, Psi psi) {
        if (psi == null || psi.band() != Psi.Band.MAJOR) {
            return;
        }
        DecisionDrift.Window latest = now.windows().get(now.windows().size() - 1);
        long baselineDecisions = now.windows().stream().filter(w -> w.start().equals(now.baseline().start()))
                .mapToLong(DecisionDrift.Window::decisions).sum();
        if (latest.decisions() < minDecisions || baselineDecisions < minDecisions) {
            return; // too few decisions to tell a shift from chance; the next check looks again
        }
        DriftAlert alert = new DriftAlert(now.decisionSet(), outcome, latest.start(), now.baseline().start(),
                psi.value(), now.activeVersion(), clock.instant());
        if (drift.raise(alert)) {
            String detail = String.format(java.util.Locale.ROOT, "%s PSI %.3f (major shift) in the window from %s"
                    + " against the baseline window from %s", outcome, psi.value(), latest.start(), alert.baseline());
            LOG.warnf("decision set %s drifted: %s", now.decisionSet(), detail);
            audit.append("system", "DRIFT_ALERT", now.decisionSet(), now.activeVersion(), detail);
        }
    }

    private AtomicReference<Double> gauge(String set, String outcome) {
        return gauges.computeIfAbsent(set + '\u0000' + outcome, k -> {
            AtomicReference<Double> value = new AtomicReference<>(Double.NaN);
            Gauge.builder("arbiter.drift.psi", value, AtomicReference::get)
                    .description("Population stability index of the latest window's outcome distribution against the"
                            + " baseline window's")
                    .tag("decision_set", set).tag("outcome", outcome).register(registry);
            return value;
        });
    }
}
