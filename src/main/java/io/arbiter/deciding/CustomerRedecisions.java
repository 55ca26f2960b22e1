package io.arbiter.deciding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.CustomerSets;
import io.arbiter.engine.DecisionEvaluationException;
import io.arbiter.engine.EvaluationBudgetExceededException;
import io.arbiter.engine.LiveSet;
import io.arbiter.engine.ProfileMissingException;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.history.DecisionRecords;

/**
 * Decides customers again after their facts changed (events consumed from a stream), with every live set that
 * decides customers, and records the decisions: an outcome that changed goes into the history and the change feed,
 * where it is published and raises alerts like any other change. Each customer is decided as a synchronous call would
 * decide it (its rollout arm, counted, shadowed). A customer that cannot be decided (no profile yet, a failing or
 * over-budget evaluation) is skipped and counted; store failures are the caller's to retry.
 */
@ApplicationScoped
public class CustomerRedecisions {

    private static final Logger LOG = Logger.getLogger(CustomerRedecisions.class);

    /** What a round of re-decisions did, over every set. */
    public record Redecided(int decided, int changed, int undecidable) {
    }

    private final ActiveDecisionSets active;
    private final CustomerFactsStore facts;
    private final SynchronousDecisions decisions;
    private final DecisionRecords records;

    CustomerRedecisions(ActiveDecisionSets active, CustomerFactsStore facts, SynchronousDecisions decisions,
                        DecisionRecords records) {
        this.active = active;
        this.facts = facts;
        this.decisions = decisions;
        this.records = records;
    }

    public Redecided redecide(Set<String> customerIds) {
        Map<String, CustomerFacts> stored = facts.findAll(customerIds);
        int decided = 0;
        int changed = 0;
        int undecidable = 0;
        for (LiveSet live : active.all()) {
            if (!CustomerSets.decidesCustomers(live.champion())) {
                continue;
            }
            List<DecisionRecords.Pending> pending = new ArrayList<>(stored.size());
            for (CustomerFacts customer : stored.values()) {
                try {
                    CustomerDecision decision = decisions.decide(live, customer);
                    pending.add(new DecisionRecords.Pending(decision, customer.version()));
                } catch (ProfileMissingException e) {
                    undecidable++;
                } catch (DecisionEvaluationException | EvaluationBudgetExceededException e) {
                    undecidable++;
                    // the message can name the customer: logs get the kind of failure only
                    LOG.warnf("%s version %d could not decide a customer again after its events (%s)",
                            live.champion().name(), live.champion().version(), e.getClass().getSimpleName());
                }
            }
            for (DecisionRecords.Recorded recorded : records.recordAll(pending, null)) {
                decided++;
                if (recorded.changed()) {
                    changed++;
                }
            }
        }
        return new Redecided(decided, changed, undecidable);
    }
}
