package io.arbiter.deciding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;

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
 * decides customers, in chunks decided in parallel, and records the decisions: an outcome that changed goes into the history and the change feed,
 * where it is published and raises alerts like any other change. Each customer is decided as a synchronous call would
 * decide it (its rollout arm, counted, shadowed). A customer that cannot be decided (no profile yet, a failing or
 * over-budget evaluation) is skipped and counted; store failures are the caller's to retry.
 */
@ApplicationScoped
public class CustomerRedecisions {

    private static final Logger LOG = Logger.getLogger(CustomerRedecisions.class);

    /** What a round of re-decisions did, over every set. */
    public record Redecided(int decided, int changed, int undecidable) {

        Redecided plus(Redecided other) {
            return new Redecided(decided + other.decided, changed + other.changed, undecidable + other.undecidable);
        }
    }

    /** Customers decided and recorded together: one bulk write, few locks held at a time (as ingestion's batches). */
    static final int CHUNK = 512;

    private final ActiveDecisionSets active;
    private final CustomerFactsStore facts;
    private final SynchronousDecisions decisions;
    private final DecisionRecords records;
    /** Chunks are decided in parallel: a batch of events can touch tens of thousands of customers. */
    private final ExecutorService workers = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread thread = new Thread(runnable, "redecisions");
                thread.setDaemon(true);
                return thread;
            });

    CustomerRedecisions(ActiveDecisionSets active, CustomerFactsStore facts, SynchronousDecisions decisions,
                        DecisionRecords records) {
        this.active = active;
        this.facts = facts;
        this.decisions = decisions;
        this.records = records;
    }

    public Redecided redecide(Set<String> customerIds) {
        Map<String, CustomerFacts> stored = facts.findAll(customerIds);
        List<CustomerFacts> customers = new ArrayList<>(stored.values());
        Redecided total = new Redecided(0, 0, 0);
        for (LiveSet live : active.all()) {
            if (!CustomerSets.decidesCustomers(live.champion())) {
                continue;
            }
            List<CompletableFuture<Redecided>> parts = new ArrayList<>();
            for (int from = 0; from < customers.size(); from += CHUNK) {
                List<CustomerFacts> chunk = customers.subList(from, Math.min(customers.size(), from + CHUNK));
                parts.add(CompletableFuture.supplyAsync(() -> redecide(live, chunk), workers));
            }
            for (CompletableFuture<Redecided> part : parts) {
                total = total.plus(part.join());
            }
        }
        return total;
    }

    /** One chunk: decided, then recorded in one bulk write under the chunk's locks. */
    private Redecided redecide(LiveSet live, List<CustomerFacts> customers) {
        List<DecisionRecords.Pending> pending = new ArrayList<>(customers.size());
        int undecidable = 0;
        for (CustomerFacts customer : customers) {
            try {
                pending.add(new DecisionRecords.Pending(decisions.decide(live, customer), customer.version()));
            } catch (ProfileMissingException e) {
                undecidable++;
            } catch (DecisionEvaluationException | EvaluationBudgetExceededException e) {
                undecidable++;
                // the message can name the customer: logs get the kind of failure only
                LOG.warnf("%s version %d could not decide a customer again after its events (%s)",
                        live.champion().name(), live.champion().version(), e.getClass().getSimpleName());
            }
        }
        int changed = 0;
        for (DecisionRecords.Recorded recorded : records.recordAll(pending, null)) {
            if (recorded.changed()) {
                changed++;
            }
        }
        return new Redecided(pending.size(), changed, undecidable);
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }
}
