package io.arbiter.batch;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.repository.DecisionRepository;
import io.arbiter.repository.SetPointer;
import io.quarkus.scheduler.Scheduled;

/**
 * Re-decides every customer with the default set's active version on a schedule ({@code arbiter.batch.cron},
 * off by default), because facts such as recency drift daily. A run is not started while the previous one is
 * still unfinished.
 */
@ApplicationScoped
class ScheduledReevaluation {

    private static final Logger LOG = Logger.getLogger(ScheduledReevaluation.class);
    static final String TRIGGER = "SCHEDULE";

    private final BatchJobs jobs;
    private final DecisionRepository repository;
    private final String decisionSet;

    ScheduledReevaluation(BatchJobs jobs, DecisionRepository repository, ArbiterConfig config) {
        this.jobs = jobs;
        this.repository = repository;
        this.decisionSet = config.defaultDecisionSet();
    }

    @Scheduled(identity = "batch-reevaluation", cron = "${arbiter.batch.cron:off}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reevaluate() {
        long active = repository.find(decisionSet).map(SetPointer::activeVersion).orElse(0L);
        if (active == 0) {
            LOG.warnf("scheduled re-evaluation skipped: %s has no active version", decisionSet);
            return;
        }
        if (jobs.latest(j -> TRIGGER.equals(j.trigger()) && !j.status().finished()).isPresent()) {
            LOG.warn("scheduled re-evaluation skipped: the previous scheduled run is unfinished");
            return;
        }
        jobs.submit(new JobRequest(decisionSet, active, 0, JobMode.APPLY, JobFilter.ALL), "scheduler", TRIGGER);
    }
}
