package io.arbiter.deciding;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arbiter.batch.BatchConfig;
import io.arbiter.config.ArbiterConfig;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CompiledModel;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.DecisionEvaluationException;
import io.arbiter.engine.EvaluationBudgetExceededException;
import io.arbiter.engine.LiveSet;
import io.arbiter.engine.ModelScope;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.DmnInputs;
import io.arbiter.engine.EvaluationBudget;
import io.arbiter.engine.Explanation;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.history.DecisionRecords;
import io.arbiter.input.CustomerIds;
import io.arbiter.input.FieldError;
import io.arbiter.input.InvalidInputException;
import io.arbiter.input.NotFoundException;
import io.arbiter.monitoring.OutcomeMonitor;
import io.arbiter.ops.DecisionMetrics;

/**
 * Decisions answered while the caller waits: by a set's live versions (what channels ask: the active version, or a
 * running rollout's arm for the customer), or by a stored version under test. For a stored customer, for facts given
 * inline, or for any DMN input data. Each runs under the synchronous time budget, so a version that does not terminate
 * cannot hold a request thread. Customer decisions are counted in the metrics; live ones also in the set's drift and
 * rollout counts, handed to a shadow rollout's challenger, and recorded when configured. Errors point at the fields of
 * an evaluation request ({@code /customerId}, {@code /model}, {@code /context/...}), as the API's request names them.
 */
@ApplicationScoped
public class SynchronousDecisions {

    private final DecisionPipeline pipeline;
    private final CustomerFactsStore store;
    private final DecisionMetrics metrics;
    private final Clock clock;
    private final DecisionRecords records;
    private final OutcomeMonitor monitor;
    private final ShadowEvaluations shadows;
    private final Duration budget;
    private final boolean recordConfigured;

    SynchronousDecisions(DecisionPipeline pipeline, CustomerFactsStore store, DecisionMetrics metrics, Clock clock,
                         DecisionRecords records, OutcomeMonitor monitor, ShadowEvaluations shadows,
                         ArbiterConfig config, BatchConfig batch) {
        this.pipeline = pipeline;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.records = records;
        this.monitor = monitor;
        this.shadows = shadows;
        this.budget = config.budget().synchronous();
        this.recordConfigured = batch.recordSynchronous();
    }

    /** Decides a stored customer on the facts held now, with the set's live versions; recorded when configured. */
    public CustomerDecision decideStored(LiveSet live, String customerId) {
        CustomerFacts facts = stored(customerId);
        CustomerDecision decision = decide(live, facts);
        if (recordConfigured) {
            records.record(decision, facts.version(), null);
        }
        return decision;
    }

    /** Decides a stored customer with a version under test: its answers are not the customer's decisions. */
    public CustomerDecision decideStored(CompiledDecisionSet set, String customerId) {
        return decide(set, stored(customerId));
    }

    /**
     * Decides facts with the set's live versions: the arm of a running canary the facts' customer id falls in, the
     * champion otherwise (and the shadow's challenger off the caller's path). Not recorded here.
     */
    public CustomerDecision decide(LiveSet live, CustomerFacts facts) {
        LiveSet.Route route = live.route(facts.customerId());
        LocalDate asOf = LocalDate.now(clock);
        CustomerDecision decision;
        try {
            decision = within(() -> pipeline.decide(route.set(), facts, asOf)).withArm(route.arm());
        } catch (DecisionEvaluationException | EvaluationBudgetExceededException e) {
            monitor.failed(live, route.arm());
            throw e;
        }
        metrics.record(decision);
        monitor.decided(live, decision);
        live.shadow().ifPresent(shadow -> shadows.submit(shadow, facts, decision, asOf));
        return decision;
    }

    /** Decides facts that are not stored (inline facts, already parsed) with a version under test. */
    public CustomerDecision decide(CompiledDecisionSet set, CustomerFacts facts) {
        CustomerDecision decision = within(() -> pipeline.decide(set, facts, LocalDate.now(clock)));
        metrics.record(decision);
        return decision;
    }

    private CustomerFacts stored(String customerId) {
        if (!CustomerIds.valid(customerId)) {
            throw new InvalidInputException("customerId is not valid",
                    List.of(new FieldError("/customerId", CustomerIds.RULE)));
        }
        return store.find(customerId).orElseThrow(() -> new NotFoundException("no customer " + customerId));
    }

    private <T> T within(java.util.function.Supplier<T> evaluation) {
        return EvaluationBudget.call(EvaluationBudget.perDecision(budget), evaluation);
    }

    /**
     * Evaluates one model of the set on DMN input data, converted by the model's types. {@code modelName} may be left
     * out (null) when the set has one model; {@code decisionService} (null: all decisions) evaluates only that
     * service's decisions.
     */
    public ContextDecision evaluate(CompiledDecisionSet set, String modelName, String decisionService,
                                    ObjectNode inputData) {
        CompiledModel model;
        if (modelName != null) {
            model = set.model(modelName).orElseThrow(() -> new NotFoundException("decision set " + set.name()
                    + " has no model " + modelName));
        } else if (set.models().size() == 1) {
            model = set.models().get(0);
        } else {
            throw new InvalidInputException("the decision set has several models: say which in \"model\"",
                    List.of(new FieldError("/model", "one of " + set.models().stream().map(CompiledModel::file).toList())));
        }
        if (decisionService != null
                && model.model().getDecisionServices().stream().noneMatch(s -> s.getName().equals(decisionService))) {
            throw new NotFoundException("model " + model.name() + " has no decision service " + decisionService);
        }
        Map<String, Object> inputs = typed(model, inputData);
        return answer(set, model, within(() -> pipeline.evaluateModel(set, model, decisionService, inputs)));
    }

    /**
     * Evaluates the part of one model of the set that {@code scope} names on DMN input data, typed and budgeted as
     * above, with each evaluated decision's output under its own name (a decision service's too).
     */
    public ContextDecision evaluateScope(CompiledDecisionSet set, CompiledModel model, ModelScope scope,
                                         ObjectNode inputData) {
        Map<String, Object> inputs = typed(model, inputData);
        return answer(set, model, within(() -> pipeline.evaluateScope(set, model, scope, inputs)));
    }

    private static Map<String, Object> typed(CompiledModel model, ObjectNode inputData) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> inputs = DmnInputs.convert(model.model(), inputData, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("input data do not fit the model's types", errors);
        }
        return inputs;
    }

    private static ContextDecision answer(CompiledDecisionSet set, CompiledModel model,
                                          DecisionPipeline.DmnEvaluation outcome) {
        return new ContextDecision(set.name(), set.version(), model.name(), outcome.outputs(), outcome.decisionResults(),
                new Explanation(outcome.tableMatches(), List.of()));
    }
}
