package io.arbiter.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNResult;

import io.arbiter.engine.rules.Action;
import io.arbiter.engine.rules.Assessment;
import io.arbiter.engine.rules.ActionType;
import io.arbiter.engine.rules.Customer;
import io.arbiter.facts.CustomerFacts;

/**
 * The one evaluation pipeline: facts -> DMN decisions -> DRL rules -> outcome with explanation. Synchronous calls,
 * draft evaluation, batch re-evaluation and impact analysis all go through here. Stateless and thread-safe.
 * Every method stops at its checkpoints with an {@link EvaluationBudgetExceededException} when the
 * {@link EvaluationBudget} its caller set has run out or was cancelled: on entering the DMN models, after each
 * model, between the decisions of a model ({@link BudgetCheckpoints}), before each rule firing and after the rules.
 */
public final class DecisionPipeline {

    /** One decision's status and messages, so that a failure is never mistaken for a null result. */
    public record DecisionStatus(String decision, String status, List<String> messages) {
    }

    /**
     * What DMN gave: outputs by decision (or decision-service) name, each decision's status, and the decision-table
     * rows that matched.
     */
    public record DmnEvaluation(Map<String, Object> outputs, List<DecisionStatus> decisionResults,
                                List<Explanation.TableMatch> tableMatches) {
    }

    /** A customer's decision: the set's models on the customer's facts, then its rules on the assessment. */
    public CustomerDecision decide(CompiledDecisionSet set, CustomerFacts facts, LocalDate asOf) {
        long started = System.nanoTime();
        if (!facts.hasProfile()) {
            throw new ProfileMissingException(facts.customerId());
        }
        int tenureMonths = CustomerSets.tenureMonths(facts, asOf);
        DmnEvaluation dmn = evaluateDmn(set, CustomerSets.inputs(facts, tenureMonths));
        Assessment assessment = CustomerSets.assessment(set, dmn.outputs());
        List<String> rulesFired = new ArrayList<>();
        List<RecommendedAction> actions = fireRules(set, new Customer(facts, tenureMonths), assessment, rulesFired);
        boolean objects = facts.consent().objectsToAutomatedDecisions();
        // enforced here, not left to the rules: a published rule set cannot forget the objection
        List<RecommendedAction> kept = objects ? actions.stream().filter(a -> !marketing(a)).toList() : actions;
        String humanReview = objects ? humanReview(actions.stream().filter(DecisionPipeline::marketing).toList()) : null;
        long durationMicros = (System.nanoTime() - started) / 1_000;
        return new CustomerDecision(set.name(), set.version(), facts.customerId(), assessment.getValueTier(),
                assessment.getRiskGrade(), objects, kept, dmn.outputs(),
                new Explanation(dmn.tableMatches(), rulesFired, humanReview), Instant.now(), durationMicros, null);
    }

    private static boolean marketing(RecommendedAction action) {
        return ActionType.valueOf(action.type()).marketing();
    }

    private static String humanReview(List<RecommendedAction> withheld) {
        return "the customer objects to decisions made by automated means alone (consent.objectsToAutomatedDecisions):"
                + " a person must review this decision before it is acted on"
                + (withheld.isEmpty() ? "" : "; marketing actions withheld: "
                + withheld.stream().map(RecommendedAction::code).collect(java.util.stream.Collectors.joining(", ")));
    }

    /**
     * Evaluates one model of the set on DMN input data (or only one of its decision services, whose outputs are then
     * given under the service's name); failures are reported per decision rather than thrown, as generic callers
     * need to see them.
     */
    public DmnEvaluation evaluateModel(CompiledDecisionSet set, CompiledModel model, String decisionService,
                                       Map<String, Object> inputs) {
        if (decisionService == null) {
            return evaluateScope(set, model, ModelScope.ALL, inputs);
        }
        DmnEvaluation evaluation = evaluateScope(set, model, ModelScope.service(decisionService), inputs);
        Map<String, Object> outputs = evaluation.outputs();
        Map<String, Object> service = new LinkedHashMap<>();
        service.put(decisionService, outputs.size() == 1 ? outputs.values().iterator().next() : outputs);
        return new DmnEvaluation(service, evaluation.decisionResults(), evaluation.tableMatches());
    }

    /**
     * Evaluates the part of one model that {@code scope} names on DMN input data, with each evaluated decision's
     * output under its own name; failures are reported per decision, as above. The decisions outside the scope, which
     * kie lists as NOT_EVALUATED, are left out: they have no output, and a null would read as one.
     */
    public DmnEvaluation evaluateScope(CompiledDecisionSet set, CompiledModel model, ModelScope scope,
                                       Map<String, Object> inputs) {
        EvaluationBudget.checkpoint();
        List<EvaluationTrace.TableHit> hits = new ArrayList<>(4);
        DMNResult result = evaluate(set, model, scope, context(set, inputs), hits);
        Map<String, Object> outputs = new LinkedHashMap<>();
        List<DecisionStatus> statuses = new ArrayList<>();
        for (DMNDecisionResult decision : result.getDecisionResults()) {
            if (decision.getEvaluationStatus() == DMNDecisionResult.DecisionEvaluationStatus.NOT_EVALUATED) {
                continue;
            }
            statuses.add(status(decision));
            outputs.put(decision.getDecisionName(), FeelValues.toJson(decision.getResult()));
        }
        return new DmnEvaluation(outputs, statuses, explain(set, hits));
    }

    /**
     * Evaluates every model of the set, in the manifest's order, on the given DMN input data; a decision that fails
     * fails the evaluation, as a customer's decision must not go on without it. A model with a direct plan is
     * evaluated by it ({@link DirectModel}), and by kie-dmn whenever the plan does not decide.
     */
    public DmnEvaluation evaluateDmn(CompiledDecisionSet set, Map<String, Object> inputs) {
        EvaluationBudget.checkpoint();
        DMNContext context = null;
        Map<String, Object> outputs = new LinkedHashMap<>();
        List<DecisionStatus> statuses = new ArrayList<>();
        List<Explanation.TableMatch> matches = new ArrayList<>(4);
        List<String> failures = new ArrayList<>(0);
        for (CompiledModel model : set.models()) {
            List<DirectModel.Decided> direct = model.direct().map(plan -> plan.evaluate(inputs)).orElse(null);
            if (direct != null) {
                for (DirectModel.Decided decided : direct) {
                    statuses.add(new DecisionStatus(decided.decision(), SUCCEEDED, List.of()));
                    outputs.put(decided.decision(), FeelValues.toJson(decided.value()));
                    matches.add(decided.match());
                }
                EvaluationBudget.checkpoint();
                continue;
            }
            if (context == null) {
                context = context(set, inputs);
            }
            List<EvaluationTrace.TableHit> hits = new ArrayList<>(2);
            for (DMNDecisionResult decision : evaluate(set, model, ModelScope.ALL, context, hits).getDecisionResults()) {
                statuses.add(status(decision));
                if (decision.getEvaluationStatus() == DMNDecisionResult.DecisionEvaluationStatus.SUCCEEDED) {
                    outputs.put(decision.getDecisionName(), FeelValues.toJson(decision.getResult()));
                } else {
                    failures.add(model.file() + ": " + decision.getDecisionName() + " " + decision.getEvaluationStatus()
                            + messages(decision.getMessages()));
                }
            }
            matches.addAll(explain(set, hits));
        }
        if (!failures.isEmpty()) {
            throw new DecisionEvaluationException(set.name(), set.version(), failures);
        }
        return new DmnEvaluation(outputs, statuses, matches);
    }

    private static final String SUCCEEDED = DMNDecisionResult.DecisionEvaluationStatus.SUCCEEDED.name();

    /** The one place kie-dmn evaluates a model: traced for the explanation, and checked against the budget after. */
    private static DMNResult evaluate(CompiledDecisionSet set, CompiledModel model, ModelScope scope,
                                      DMNContext context, List<EvaluationTrace.TableHit> hits) {
        DMNResult result;
        EvaluationTrace.begin(model.name(), hits);
        try {
            result = switch (scope.kind()) {
                case ALL -> set.dmnRuntime().evaluateAll(model.model(), context);
                case DECISION -> set.dmnRuntime().evaluateByName(model.model(), context, scope.name());
                case SERVICE -> set.dmnRuntime().evaluateDecisionService(model.model(), context, scope.name());
            };
        } finally {
            EvaluationTrace.end();
        }
        // A decision the budget stopped is a failed decision to kie: report the budget instead.
        EvaluationBudget.checkpoint();
        return result;
    }

    private static DMNContext context(CompiledDecisionSet set, Map<String, Object> inputs) {
        DMNContext context = set.dmnRuntime().newContext();
        inputs.forEach(context::set);
        return context;
    }

    private static DecisionStatus status(DMNDecisionResult decision) {
        return new DecisionStatus(decision.getDecisionName(), decision.getEvaluationStatus().name(),
                decision.getMessages().stream().map(DMNMessage::getText).toList());
    }

    private static List<Explanation.TableMatch> explain(CompiledDecisionSet set, List<EvaluationTrace.TableHit> hits) {
        List<Explanation.TableMatch> matches = new ArrayList<>(hits.size());
        for (EvaluationTrace.TableHit hit : hits) {
            Map<String, List<String>> rowAnnotations = set.model(hit.model()).map(CompiledModel::rowAnnotations).orElse(Map.of());
            List<String> annotations = new ArrayList<>();
            for (String row : hit.selectedRowIds()) {
                annotations.addAll(rowAnnotations.getOrDefault(row, List.of()));
            }
            matches.add(new Explanation.TableMatch(hit.model(), hit.decision(), hit.selectedRowIds(), annotations));
        }
        return matches;
    }

    private static String messages(List<DMNMessage> messages) {
        StringBuilder text = new StringBuilder();
        for (DMNMessage message : messages) {
            text.append("; ").append(message.getText());
        }
        return text.toString();
    }

    private static List<RecommendedAction> fireRules(CompiledDecisionSet set, Customer customer,
                                                     Assessment assessment, List<String> rulesFired) {
        if (set.sessions().isEmpty()) {
            return List.of();
        }
        List<RecommendedAction> actions = new ArrayList<>();
        for (RuleRun.Concluded<Action> action : RuleRun.fire(set, set.sessions().get(), List.of(customer, assessment),
                Action.class, rulesFired)) {
            actions.add(RecommendedAction.of(action.fact()));
        }
        actions.sort(Comparator.comparingInt(RecommendedAction::priority).thenComparing(RecommendedAction::code));
        return actions;
    }
}
