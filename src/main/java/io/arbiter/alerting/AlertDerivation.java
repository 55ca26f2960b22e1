package io.arbiter.alerting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.engine.AlertRules;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.DecisionEvaluationException;
import io.arbiter.engine.DecisionSetCompilationException;
import io.arbiter.engine.EvaluationBudget;
import io.arbiter.engine.EvaluationBudgetExceededException;
import io.arbiter.engine.RaisedAlert;
import io.arbiter.engine.alerts.OutcomeChange;
import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.history.DecisionChange;
import io.arbiter.history.DecisionOutcome;
import io.arbiter.history.FeedFollowers;
import io.arbiter.repository.RepositoryException;
import io.arbiter.repository.VersionSnapshots;
import io.quarkus.runtime.StartupEvent;

/**
 * Raises alerts from the change feed, so that one place covers every way an outcome changes (batch APPLY, recorded
 * synchronous decisions, re-decisions after events): it follows the feed as {@value #FOLLOWER} and evaluates each
 * item with the alert rules of the version that decided it. The alerts of an item get ids from its cursor and are
 * written once, so the replay of a page after a crash writes nothing new. How far the feed has been derived is the
 * follower's checkpoint ({@link #derivedUpTo()}): every item up to it has its alerts stored, or raised none.
 * <p>
 * An item is skipped with a WARN, rather than retried for ever, when its version cannot be had (not stored, rejected,
 * no longer compiles) or its alert rules fail or run over {@code arbiter.budget.alert}: retrying would hold back the
 * alerts of every later change. A failure to read or write the store is retried (the follower's back-off).
 */
@ApplicationScoped
public class AlertDerivation {

    private static final Logger LOG = Logger.getLogger(AlertDerivation.class);
    /** The follower's name, under which its checkpoint is stored. */
    public static final String FOLLOWER = "alerts";

    private final FeedFollowers followers;
    private final VersionSnapshots snapshots;
    private final AlertStore store;
    private final CustomerFactsStore facts;
    private final Duration budget;

    AlertDerivation(FeedFollowers followers, VersionSnapshots snapshots, AlertStore store, CustomerFactsStore facts,
                    ArbiterConfig config) {
        this.followers = followers;
        this.snapshots = snapshots;
        this.store = store;
        this.facts = facts;
        this.budget = config.budget().alert();
    }

    void start(@Observes StartupEvent event) {
        followers.follow(FOLLOWER, this::derive);
    }

    /** Every feed item up to this cursor has had its alerts derived and stored: publication never goes past it. */
    public long derivedUpTo() {
        return followers.checkpoint(FOLLOWER);
    }

    /** One page of the feed: the alerts of each item, stored; then undone for customers erased meanwhile. */
    void derive(List<DecisionChange> items) {
        Map<String, Optional<CompiledDecisionSet>> versions = new HashMap<>();
        List<ChangeAlerts> derived = new ArrayList<>();
        for (DecisionChange item : items) {
            Optional<CompiledDecisionSet> set = versions.computeIfAbsent(item.decisionSet() + "/" + item.version(),
                    key -> version(item));
            set.filter(s -> s.alertSessions().isPresent())
                    .flatMap(s -> raise(s, item))
                    .ifPresent(derived::add);
        }
        store.addAll(derived);
        // An erasure removes the facts before the alerts: a customer without facts now was erased while this page was
        // derived, and its alerts, written after the erasure removed them, go again.
        Set<String> customers = new LinkedHashSet<>();
        derived.forEach(change -> customers.add(change.customerId()));
        for (String customer : customers) {
            if (facts.find(customer).isEmpty()) {
                store.erase(customer);
            }
        }
    }

    private Optional<CompiledDecisionSet> version(DecisionChange item) {
        try {
            return Optional.of(snapshots.compiled(item.decisionSet(), item.version()));
        } catch (RepositoryException | DecisionSetCompilationException e) {
            LOG.warnf("changes decided by version %d of %s raise no alerts: the version cannot be had (%s)",
                    item.version(), item.decisionSet(), e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<ChangeAlerts> raise(CompiledDecisionSet set, DecisionChange item) {
        List<RaisedAlert> raised;
        try {
            raised = EvaluationBudget.call(EvaluationBudget.perDecision(budget),
                    () -> AlertRules.raise(set, change(item)));
        } catch (DecisionEvaluationException | EvaluationBudgetExceededException e) {
            LOG.warnf("change %d (version %d of %s) raised no alerts: its alert rules failed: %s", item.cursor(),
                    item.version(), item.decisionSet(), e.getMessage());
            return Optional.empty();
        }
        if (raised.isEmpty()) {
            return Optional.empty();
        }
        List<StoredAlert> alerts = new ArrayList<>();
        for (int i = 0; i < raised.size(); i++) {
            alerts.add(stored(item, new AlertId(item.cursor(), i), raised.get(i)));
        }
        return Optional.of(new ChangeAlerts(item.cursor(), item.customerId(), alerts));
    }

    /** What the rules see: the outcomes only, no facts about the customer. */
    static OutcomeChange change(DecisionChange item) {
        DecisionOutcome before = item.before();
        DecisionOutcome after = item.after();
        return new OutcomeChange(item.decisionSet(), item.version(), before == null ? null : before.valueTier(),
                before == null ? null : before.riskGrade(), before == null ? List.of() : before.actions(),
                after.valueTier(), after.riskGrade(), after.actions(), item.arm());
    }

    private static StoredAlert stored(DecisionChange item, AlertId id, RaisedAlert alert) {
        DecisionOutcome before = item.before();
        return new StoredAlert(id.toString(), item.cursor(), item.customerId(), item.decisionSet(), item.version(),
                item.arm(), before == null ? null : before.valueTier(), before == null ? null : before.riskGrade(),
                item.after().valueTier(), item.after().riskGrade(), alert.rule(), alert.level().name(), alert.code(),
                alert.message(), item.at(), null, null);
    }
}
