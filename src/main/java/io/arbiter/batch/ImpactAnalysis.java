package io.arbiter.batch;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CustomerSets;

/**
 * Impact analysis of a publication: a DRY_RUN of the new version against the active one over every customer,
 * started when a version of a customer decision set (one whose manifest maps a value tier and a risk grade) is
 * published and another version is active. Its summary is shown with the version. {@link JobRunner} runs it under
 * {@code arbiter.budget.impact-analysis} in all, so a version that does not terminate fails its analysis.
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
    public Optional<JobView> published(String decisionSet, long version, String author) {
        Optional<CompiledDecisionSet> current = active.get(decisionSet);
        if (!enabled || current.isEmpty() || current.get().version() == version || !CustomerSets.decidesCustomers(current.get())) {
            return Optional.empty();
        }
        return Optional.of(jobs.submit(new JobRequest(decisionSet, version, current.get().version(), JobMode.DRY_RUN,
                JobFilter.ALL), author, TRIGGER));
    }

    /** The newest impact analysis of a version. */
    public Optional<JobView> of(String decisionSet, long version) {
        return jobs.latest(j -> TRIGGER.equals(j.trigger()) && j.decisionSet().equals(decisionSet) && j.version() == version);
    }
}
