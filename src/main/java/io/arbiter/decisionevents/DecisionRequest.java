package io.arbiter.decisionevents;

import static io.arbiter.decisionevents.KogitoDecisionProtocol.DECISION_SET;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.EVALUATE_DECISION;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.FILTERED_CONTEXT;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.FULL_RESULT;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.MODEL_NAME;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.MODEL_NAMESPACE;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.jackson.JsonCloudEventData;

/**
 * A {@code DecisionRequest} as Arbiter reads it: the model by name and namespace, the decision set to take it from
 * (Arbiter's optional attribute; null: any), the decision or decision service to evaluate (null: all decisions), how
 * to answer, and the input data by name.
 */
record DecisionRequest(String modelName, String modelNamespace, String decisionSet, String evaluate,
                       boolean fullResult, boolean filteredContext, ObjectNode data) {

    /** Reads the request, or fails it as a BAD_REQUEST when the model's name, namespace or the data are missing. */
    static DecisionRequest read(CloudEvent event, ObjectMapper json) {
        String name = text(event, MODEL_NAME);
        String namespace = text(event, MODEL_NAMESPACE);
        if (name == null || namespace == null) {
            throw new RequestFailed(ErrorType.BAD_REQUEST, "a DecisionRequest names its model in the extension"
                    + " attributes " + MODEL_NAME + " and " + MODEL_NAMESPACE);
        }
        return new DecisionRequest(name, namespace, text(event, DECISION_SET), text(event, EVALUATE_DECISION),
                flag(event, FULL_RESULT), flag(event, FILTERED_CONTEXT), data(event, json));
    }

    /** A string attribute; empty counts as absent, as in Kogito. */
    static String text(CloudEvent event, String attribute) {
        Object value = event.getExtension(attribute);
        return value == null || value.toString().isEmpty() ? null : value.toString();
    }

    /**
     * Kogito reads only a boolean attribute; the text "true" is taken too, because a binary-mode transport carries
     * every attribute as text (a Kafka header).
     */
    private static boolean flag(CloudEvent event, String attribute) {
        Object value = event.getExtension(attribute);
        return Boolean.TRUE.equals(value) || (value instanceof String text && text.equalsIgnoreCase("true"));
    }

    private static ObjectNode data(CloudEvent event, ObjectMapper json) {
        CloudEventData data = event.getData();
        if (data == null) {
            throw new RequestFailed(ErrorType.BAD_REQUEST, "a DecisionRequest carries the model's input data as data");
        }
        JsonNode node;
        if (data instanceof JsonCloudEventData tree) {
            node = tree.getNode();
        } else {
            try {
                node = json.readTree(data.toBytes());
            } catch (IOException e) {
                throw new RequestFailed(ErrorType.BAD_REQUEST, "data is not JSON: " + JsonText.reason(e));
            }
        }
        if (!(node instanceof ObjectNode inputs)) {
            throw new RequestFailed(ErrorType.BAD_REQUEST, "data must be a JSON object of input data by name");
        }
        return inputs;
    }
}
