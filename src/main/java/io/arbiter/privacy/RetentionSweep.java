package io.arbiter.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.arbiter.alerting.AlertStore;
import io.arbiter.audit.AuditTrail;
import io.arbiter.batch.BatchJobs;
import io.arbiter.config.ArbiterConfig;
import io.arbiter.history.DecisionRecords;
import io.arbiter.monitoring.DecisionDrift;
import io.arbiter.monitoring.OutcomeTallies;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;

/**
 * Enforces the retention periods ({@code arbiter.retention.*}): decision history entries, change-feed items,
 * records of finished batch jobs, drift windows' counts and drift alerts, and outcome alerts older than their period are removed, on {@code arbiter.retention.cron} on every node,
 * each over the keys it is the primary owner of. A sweep that removed anything is a link of the audit chain.
 */
@ApplicationScoped
public class RetentionSweep {

    /** What one sweep removed. */
    public record Swept(long historyEntries, long feedItems, long batchJobs, long driftEntries, long alerts) {

        long total() {
            return historyEntries + feedItems + batchJobs + driftEntries + alerts;
        }
    }

    private static final Logger LOG = Logger.getLogger(RetentionSweep.class);

    private final DecisionRecords decisions;
    private final BatchJobs jobs;
    private final AuditTrail audit;
    private final Clock clock;
    private final Optional<Duration> history;
    private final Optional<Duration> feed;
    private final Optional<Duration> jobRecords;
    private final Optional<Duration> driftWindows;
    private final Optional<Duration> alertPeriod;
    private final AlertStore alerts;
    private final OutcomeTallies tallies;
    private final DecisionDrift drift;

    RetentionSweep(DecisionRecords decisions, BatchJobs jobs, AuditTrail audit, Clock clock, ArbiterConfig config,
                   OutcomeTallies tallies, DecisionDrift drift, AlertStore alerts) {
        this.alerts = alerts;
        this.tallies = tallies;
        this.drift = drift;
        this.decisions = decisions;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
        this.history = period("arbiter.retention.decision-history", config.retention().decisionHistory());
        this.feed = period("arbiter.retention.change-feed", config.retention().changeFeed());
        this.jobRecords = period("arbiter.retention.batch-jobs", config.retention().batchJobs());
        this.driftWindows = period("arbiter.retention.drift", config.retention().drift());
        this.alertPeriod = period("arbiter.retention.alerts", config.retention().alerts());
    }

    @Scheduled(identity = "retention", cron = "${arbiter.retention.cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    public Swept sweep() {
        Instant now = clock.instant();
        Swept swept = new Swept(history.map(p -> decisions.pruneHistory(now.minus(p))).orElse(0L),
                feed.map(p -> decisions.pruneFeed(now.minus(p))).orElse(0L),
                jobRecords.map(p -> jobs.pruneFinished(now.minus(p))).orElse(0L),
                driftWindows.map(p -> tallies.pruneDrift(now.minus(p)) + drift.pruneAlerts(now.minus(p))).orElse(0L),
                alertPeriod.map(p -> alerts.prune(now.minus(p))).orElse(0L));
        if (swept.total() > 0) {
            audit.append("retention", "RETENTION", "", 0, swept.historyEntries() + " history entries, "
                    + swept.feedItems() + " feed items, " + swept.batchJobs() + " batch job records and "
                    + swept.driftEntries() + " drift counts and alerts and " + swept.alerts() + " outcome alerts past"
                    + " their retention removed (this node's share)");
            LOG.infof("retention: %s", swept);
        }
        return swept;
    }

    /** A period such as {@code 730d}, or empty for {@code off}; anything else stops the start with its name. */
    static Optional<Duration> period(String property, String value) {
        if (value.trim().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        Duration period;
        try {
            period = DurationConverter.parseDuration(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " '" + value + "' is not a period (730d, 12h) or off", e);
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalStateException(property + " '" + value + "' must be a positive period, or off");
        }
        return Optional.of(period);
    }
}
