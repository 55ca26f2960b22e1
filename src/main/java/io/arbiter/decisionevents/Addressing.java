package io.arbiter.decisionevents;

import static io.arbiter.decisionevents.KogitoDecisionProtocol.EVALUATE_DECISION;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.MODEL_NAME;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.MODEL_NAMESPACE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.cloudevents.CloudEvent;

/**
 * What an answer takes from its request: the request's identity (source and id, null when unknown), the subject it
 * echoes and the model attributes it repeats. Read from a CloudEvent, or from the bare JSON of a request that is not
 * a valid one, so that the error still reaches whoever waits for it.
 */
record Addressing(String requestSource, String requestId, String subject, String modelName, String modelNamespace,
                  String evaluate) {

    static Addressing of(CloudEvent request) {
        return new Addressing(request.getSource().toString(), request.getId(), request.getSubject(),
                DecisionRequest.text(request, MODEL_NAME), DecisionRequest.text(request, MODEL_NAMESPACE),
                DecisionRequest.text(request, EVALUATE_DECISION));
    }

    static Addressing of(ObjectNode request) {
        return new Addressing(text(request, "source"), text(request, "id"), text(request, "subject"),
                text(request, MODEL_NAME), text(request, MODEL_NAMESPACE), text(request, EVALUATE_DECISION));
    }

    private static String text(ObjectNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
