package io.arbiter.batch;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CustomerSets;
import io.arbiter.repository.VersionValidated;

/**
 * Impact analysis of a publication: a DRY_RUN of the new version against the active one over every customer,
 * started when a version of a customer decision set (one whose manifest maps a value tier and a risk grade) is
 * published ({@link VersionValidated}) and another version is active. Its summary is shown with the version.
 * {@link JobRunner} runs it under {@code arbiter.budget.impact-analysis} in all, so a version that does not
 * terminate fails its analysis.
 */
@ApplicationScoped
public class ImpactAnalysis {

    static final String TRIGGER = "PUBLICATION";

    private final BatchJobs jobs;
    private final ActiveDecisionSets active;
    private final boolean enabled;

    ImpactAnalysis(BatchJobs jobs, ActiveDecisionSets active, BatchConfig config) {
        this.jobs = jobs;
        this.active = active;
        this.enabled = config.impactOnPublish();
    }

    /** Starts the analysis of a validated publication, when there is something to compare it with. */
    void published(@Observes VersionValidated published) {
        Optional<CompiledDecisionSet> current = active.get(published.decisionSet());
        if (!enabled || current.isEmpty() || current.get().version() == published.version()
                || !CustomerSets.decidesCustomers(current.get())) {
            return;
        }
        jobs.submit(new JobRequest(published.decisionSet(), published.version(), current.get().version(),
                JobMode.DRY_RUN, JobFilter.ALL), published.author(), TRIGGER);
    }

    /** The newest impact analysis of a version. */
    public Optional<JobView> of(String decisionSet, long version) {
        return jobs.latest(j -> TRIGGER.equals(j.trigger()) && j.decisionSet().equals(decisionSet) && j.version() == version);
    }
}
