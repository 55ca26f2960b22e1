package io.arbiter.api;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CompiledModel;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.DmnInputs;
import io.arbiter.engine.EvaluationBudget;
import io.arbiter.engine.Explanation;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.facts.FactsParser;
import io.arbiter.input.FieldError;
import io.arbiter.history.DecisionRecords;
import io.arbiter.ops.DecisionMetrics;
import io.arbiter.input.CustomerIds;

/**
 * Reads an evaluation request and runs it through the pipeline against a given compiled set (the active one, or a
 * stored version under test). Three forms: {@code {"customerId"}} (stored facts), {@code {"facts"}} (inline, not
 * stored), or {@code {"context", "model"?, "decisionService"?}} (any DMN input data, for any decision set). Each
 * runs under the synchronous time budget, so a version that does not terminate cannot hold a request thread.
 */
@ApplicationScoped
public class Evaluations {

    /** The answer to a generic evaluation. */
    public record ContextDecision(String decisionSet, long version, String model, Map<String, Object> outputs,
                                  List<DecisionPipeline.DecisionStatus> decisionResults, Explanation explanation) {
    }

    private final DecisionPipeline pipeline;
    private final CustomerFactsStore store;
    private final FactsParser parser;
    private final DecisionMetrics metrics;
    private final Clock clock;
    private final DecisionRecords records;
    private final Duration budget;

    Evaluations(DecisionPipeline pipeline, CustomerFactsStore store, FactsParser parser, DecisionMetrics metrics, Clock clock,
                DecisionRecords records, ArbiterConfig config) {
        this.pipeline = pipeline;
        this.store = store;
        this.parser = parser;
        this.metrics = metrics;
        this.clock = clock;
        this.records = records;
        this.budget = config.budget().synchronous();
    }

    public Object evaluate(CompiledDecisionSet set, DecisionResource.EvaluationRequest request) {
        return evaluate(set, request, false);
    }

    /** As {@link #evaluate(CompiledDecisionSet, DecisionResource.EvaluationRequest)}; {@code record}: store a stored customer's decision. */
    public Object evaluate(CompiledDecisionSet set, DecisionResource.EvaluationRequest request, boolean record) {
        JsonNode context = request.context();
        String customerId = request.customerId();
        JsonNode inlineFacts = request.facts();
        int forms = (context != null ? 1 : 0) + (customerId != null ? 1 : 0) + (inlineFacts != null ? 1 : 0);
        if (forms != 1) {
            throw ProblemException.invalid("give exactly one of customerId (stored facts), facts (inline) or context "
                    + "(DMN input data)", List.of(new FieldError("", "exactly one of customerId, facts, context is required")));
        }
        if (context != null) {
            return evaluateContext(set, context, request.model(), request.decisionService());
        }
        CustomerFacts facts = customerId != null ? storedFacts(customerId) : inlineFacts(inlineFacts);
        CustomerDecision decision = EvaluationBudget.call(EvaluationBudget.perDecision(budget),
                () -> pipeline.decide(set, facts, LocalDate.now(clock)));
        metrics.record(decision);
        if (record && customerId != null) {
            records.record(decision, facts.version(), null);
        }
        return decision;
    }

    private ContextDecision evaluateContext(CompiledDecisionSet set, JsonNode context, String modelName, String service) {
        if (!context.isObject()) {
            throw ProblemException.invalid("context must be an object of DMN input data by name",
                    List.of(new FieldError("/context", "must be an object")));
        }
        CompiledModel model;
        if (modelName != null) {
            model = set.model(modelName).orElseThrow(() -> ProblemException.notFound("decision set " + set.name()
                    + " has no model " + modelName));
        } else if (set.models().size() == 1) {
            model = set.models().get(0);
        } else {
            throw ProblemException.invalid("the decision set has several models: say which in \"model\"",
                    List.of(new FieldError("/model", "one of " + set.models().stream().map(CompiledModel::file).toList())));
        }
        if (service != null && model.model().getDecisionServices().stream().noneMatch(s -> s.getName().equals(service))) {
            throw ProblemException.notFound("model " + model.name() + " has no decision service " + service);
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> inputs = DmnInputs.convert(model.model(), context, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("input data do not fit the model's types", errors);
        }
        DecisionPipeline.DmnEvaluation outcome = EvaluationBudget.call(EvaluationBudget.perDecision(budget),
                () -> pipeline.evaluateModel(set, model, service, inputs));
        return new ContextDecision(set.name(), set.version(), model.name(), outcome.outputs(), outcome.decisionResults(),
                new Explanation(outcome.tableMatches(), List.of()));
    }

    private CustomerFacts storedFacts(String id) {
        if (!CustomerIds.valid(id)) {
            throw ProblemException.invalid("customerId is not valid",
                    List.of(new FieldError("/customerId", CustomerIds.RULE)));
        }
        return store.find(id).orElseThrow(() -> ProblemException.notFound("no customer " + id));
    }

    private CustomerFacts inlineFacts(JsonNode document) {
        FactsParser.Result parsed = parser.parse(document);
        if (!parsed.valid()) {
            throw ProblemException.invalid("the inline facts are not valid", parsed.errors().stream()
                    .map(e -> new FieldError("/facts" + e.pointer(), e.message()))
                    .toList());
        }
        return parsed.facts();
    }
}
