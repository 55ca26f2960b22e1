package io.arbiter.decisionevents;

import static io.arbiter.decisionevents.KogitoDecisionProtocol.REQUEST;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.RESPONSE;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.RESPONSE_ERROR;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.RESPONSE_FULL;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.deciding.ContextDecision;
import io.arbiter.deciding.SynchronousDecisions;
import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CompiledModel;
import io.arbiter.engine.DecisionPipeline.DecisionStatus;
import io.arbiter.engine.EvaluationBudgetExceededException;
import io.arbiter.engine.ModelScope;
import io.arbiter.input.InvalidInputException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventDeserializationException;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.rw.CloudEventRWException;

/**
 * Kogito's event-driven decisions over Arbiter's active decision sets, without a transport: a {@code DecisionRequest}
 * in, its answer out. The model is looked up by name and namespace among every set's active version (the champion,
 * while a rollout runs), each time, so an activation is in effect for the next request; a model that several active
 * sets have is the default set's, or the one of the set the request names in {@code arbiterdecisionset}. It is evaluated as
 * {@code POST /api/v1/decisions/{set}/evaluate} evaluates DMN input data ({@link SynchronousDecisions}: the same
 * input typing, the synchronous budget), all of it, one decision or one decision service. Any decision that did not
 * succeed makes the answer a {@code DecisionResponseError}, never a context with a null in it. Thread-safe.
 * <p>
 * Kogito's own {@code DecisionModels} (kogito-dmn) was not offered over the active sets: the model it gives,
 * {@code DmnDecisionModel}, evaluates on the DMN runtime directly, outside the budget's checkpoints and the pipeline's
 * trace, and cannot say which set and version answered; and its {@code DMNJSONUtils} types inputs differently from
 * the HTTP path. The format is Kogito's, documented in docs/api.md, "Kogito decision events".
 */
@ApplicationScoped
public class DecisionEvents {

    private static final JsonFormat STRUCTURED = new JsonFormat();

    private final ActiveDecisionSets active;
    private final SynchronousDecisions decisions;
    private final ObjectMapper json;
    private final Responses responses;
    private final String defaultSet;

    DecisionEvents(ActiveDecisionSets active, SynchronousDecisions decisions, ObjectMapper json, Clock clock,
                   ArbiterConfig config) {
        this.active = active;
        this.defaultSet = config.defaultDecisionSet();
        this.decisions = decisions;
        this.json = json;
        this.responses = new Responses(clock, json);
    }

    /**
     * The answer to a {@code DecisionRequest}: a {@code DecisionResponse}, {@code DecisionResponseFull} or
     * {@code DecisionResponseError}. Empty for an event of another type, which Kogito ignores too (so an answer that
     * finds its way back to the requests is not answered in turn).
     */
    public Optional<CloudEvent> answer(CloudEvent request) {
        if (!REQUEST.equals(request.getType())) {
            return Optional.empty();
        }
        Addressing to = Addressing.of(request);
        Target target = null;
        try {
            DecisionRequest read = DecisionRequest.read(request, json);
            target = target(read);
            Target found = target;
            ContextDecision decision = decisions.evaluateScope(found.set(), found.model(), found.scope(), read.data());
            requireSucceeded(decision.decisionResults());
            Map<String, Object> context = context(read, decision.outputs());
            return Optional.of(read.fullResult()
                    ? responses.answer(to, RESPONSE_FULL, full(found.model(), context, decision), Optional.of(found.set()))
                    : responses.answer(to, RESPONSE, context, Optional.of(found.set())));
        } catch (RequestFailed e) {
            return Optional.of(error(to, e.error(), target));
        } catch (InvalidInputException e) {
            // the typing's pointers name the HTTP request's "context"; here the input data are the event's "data"
            List<String> messages = e.errors().stream()
                    .map(f -> f.pointer().replaceFirst("^/context", "/data") + ": " + f.message()).toList();
            return Optional.of(error(to, new ErrorData(ErrorType.BAD_REQUEST, e.getMessage(), messages), target));
        } catch (EvaluationBudgetExceededException e) {
            return Optional.of(error(to, new ErrorData(ErrorType.EVALUATION_FAILED, e.getMessage(), List.of()), target));
        }
    }

    /**
     * The answer to a request in structured-mode JSON, in structured-mode JSON; empty as above. A request that is not
     * a valid CloudEvent but is JSON that says it is a {@code DecisionRequest} is answered with a BAD_REQUEST error,
     * echoing what it has of a subject and model attributes.
     *
     * @throws UnreadableRequestException when the bytes are not JSON, or do not say they are a request
     */
    public Optional<byte[]> answer(byte[] structuredJson) {
        if (structuredJson == null || structuredJson.length == 0) {
            // a tombstone or an empty record
            throw new UnreadableRequestException("no value", null);
        }
        CloudEvent request;
        try {
            request = STRUCTURED.deserialize(structuredJson);
        } catch (EventDeserializationException | CloudEventRWException | IllegalArgumentException | IllegalStateException e) {
            return notACloudEvent(structuredJson, e).map(STRUCTURED::serialize);
        }
        return answer(request).map(STRUCTURED::serialize);
    }

    private Optional<CloudEvent> notACloudEvent(byte[] bytes, RuntimeException why) {
        JsonNode tree;
        try {
            tree = json.readTree(bytes);
        } catch (IOException e) {
            throw new UnreadableRequestException("not JSON: " + JsonText.reason(e), e);
        }
        JsonNode type = tree == null ? null : tree.get("type");
        if (!(tree instanceof ObjectNode request) || type == null || !type.isTextual()) {
            throw new UnreadableRequestException("not a CloudEvent: " + why.getMessage(), why);
        }
        if (!REQUEST.equals(type.asText())) {
            return Optional.empty();
        }
        String reason = why.getCause() != null && why.getCause().getMessage() != null ? why.getCause().getMessage()
                : String.valueOf(why.getMessage());
        return Optional.of(error(Addressing.of(request), new ErrorData(ErrorType.BAD_REQUEST,
                "the request is not a valid CloudEvent: " + reason, List.of()), null));
    }

    private CloudEvent error(Addressing to, ErrorData error, Target target) {
        return responses.answer(to, RESPONSE_ERROR, error, Optional.ofNullable(target).map(Target::set));
    }

    /** What a request evaluates: one model of one set's active version, and which part of it. */
    private record Target(CompiledDecisionSet set, CompiledModel model, ModelScope scope) {
    }

    private Target target(DecisionRequest request) {
        List<Target> found = new ArrayList<>(1);
        for (CompiledDecisionSet set : active.champions()) {
            if (request.decisionSet() != null && !request.decisionSet().equals(set.name())) {
                continue;
            }
            for (CompiledModel model : set.models()) {
                if (model.name().equals(request.modelName())
                        && model.model().getNamespace().equals(request.modelNamespace())) {
                    found.add(new Target(set, model, ModelScope.ALL));
                }
            }
        }
        String model = "model " + request.modelName() + " of namespace " + request.modelNamespace();
        if (found.isEmpty()) {
            throw new RequestFailed(ErrorType.MODEL_NOT_FOUND, request.decisionSet() == null
                    ? "no active decision set has the " + model
                    : "decision set " + request.decisionSet() + " is not active or has no " + model);
        }
        if (found.size() > 1) {
            // a copy of the default set keeps its models' namespaces: the default set answers for its own models
            found = found.stream().filter(t -> t.set().name().equals(defaultSet)).toList();
            if (found.isEmpty()) {
                throw new RequestFailed(ErrorType.BAD_REQUEST, "the " + model + " is in several active decision sets;"
                        + " name one in the attribute " + KogitoDecisionProtocol.DECISION_SET);
            }
        }
        Target target = found.get(0);
        if (request.evaluate() == null) {
            return target;
        }
        ModelScope scope = target.model().scope(request.evaluate()).orElseThrow(() -> new RequestFailed(
                ErrorType.DECISION_NOT_FOUND, "the " + model + " has no decision or decision service "
                + request.evaluate()));
        return new Target(target.set(), target.model(), scope);
    }

    /**
     * A decision that failed is the model's fault (EVALUATION_FAILED); decisions kie skipped, with none failed, lacked
     * an input or had one not of its type, which is the request's (BAD_REQUEST).
     */
    private static void requireSucceeded(List<DecisionStatus> statuses) {
        List<DecisionStatus> unsuccessful = statuses.stream().filter(s -> !s.status().equals("SUCCEEDED")).toList();
        if (unsuccessful.isEmpty()) {
            return;
        }
        boolean failed = unsuccessful.stream().anyMatch(s -> s.status().equals("FAILED"));
        List<String> messages = unsuccessful.stream()
                .flatMap(s -> s.messages().stream().map(m -> s.decision() + " " + s.status() + ": " + m.strip())).toList();
        List<String> names = unsuccessful.stream().map(s -> s.decision() + " " + s.status()).toList();
        throw failed
                ? new RequestFailed(ErrorType.EVALUATION_FAILED, "decisions did not succeed: " + names, messages)
                : new RequestFailed(ErrorType.BAD_REQUEST, "input data are missing or not of the model's types;"
                + " decisions skipped: " + names, messages);
    }

    /**
     * Kogito's output context: the request's input data, then each evaluated decision by name; without the inputs
     * when {@code kogitodmnfilteredctx} is true.
     */
    private static Map<String, Object> context(DecisionRequest request, Map<String, Object> outputs) {
        Map<String, Object> context = new LinkedHashMap<>();
        if (!request.filteredContext()) {
            for (Iterator<Map.Entry<String, JsonNode>> inputs = request.data().fields(); inputs.hasNext(); ) {
                Map.Entry<String, JsonNode> input = inputs.next();
                context.put(input.getKey(), input.getValue());
            }
        }
        context.putAll(outputs);
        return context;
    }

    /** The decision's id; null for a decision of an imported model, which kie finds by name in its own namespace only. */
    private static String decisionId(CompiledModel model, String decision) {
        var node = model.model().getDecisionByName(decision);
        return node == null ? null : node.getId();
    }

    private static FullResult full(CompiledModel model, Map<String, Object> context, ContextDecision decision) {
        List<FullResult.DecisionResult> results = decision.decisionResults().stream()
                .map(s -> new FullResult.DecisionResult(decisionId(model, s.decision()),
                        s.decision(), s.status(), decision.outputs().get(s.decision()), s.messages()))
                .toList();
        List<String> messages = decision.decisionResults().stream().flatMap(s -> s.messages().stream()).toList();
        return new FullResult(model.model().getNamespace(), model.name(), context, messages, results);
    }
}
