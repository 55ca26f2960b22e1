package io.arbiter.decisionevents;

import static io.arbiter.decisionevents.KogitoDecisionProtocol.DECISION_SET;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.EVALUATE_DECISION;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.MODEL_NAME;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.MODEL_NAMESPACE;
import static io.arbiter.decisionevents.KogitoDecisionProtocol.VERSION;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.engine.CompiledDecisionSet;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;

/**
 * Builds answers as the add-on does: {@code source} is the service followed by the URL-encoded model name and, when
 * one was asked for, decision ({@code /arbiter/value-tier}; Kogito puts its {@code kogito.service.url} first, Arbiter
 * has no such setting), {@code subject} echoed, the model attributes repeated, JSON data. Two things differ on
 * purpose: the id is derived from the request's source and id (Kogito draws a random one), so a request delivered
 * twice is answered twice under one id and a consumer can drop the second; and the decision set and version that
 * answered ride along as {@code arbiterdecisionset} and {@code arbiterversion}.
 */
final class Responses {

    private static final String SERVICE = "/arbiter";

    private final Clock clock;
    private final ObjectMapper json;

    Responses(Clock clock, ObjectMapper json) {
        this.clock = clock;
        this.json = json;
    }

    /** {@code answeredBy}: the version that evaluated, once the model was found. */
    CloudEvent answer(Addressing to, String type, Object data, Optional<CompiledDecisionSet> answeredBy) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(id(to))
                .withSource(source(to))
                .withType(type)
                .withTime(OffsetDateTime.now(clock))
                .withData("application/json", JsonCloudEventData.wrap(json.valueToTree(data)));
        if (to.subject() != null) {
            event.withSubject(to.subject());
        }
        extension(event, MODEL_NAME, to.modelName());
        extension(event, MODEL_NAMESPACE, to.modelNamespace());
        extension(event, EVALUATE_DECISION, to.evaluate());
        answeredBy.ifPresent(set -> event.withExtension(DECISION_SET, set.name())
                .withExtension(VERSION, String.valueOf(set.version())));
        return event.build();
    }

    private static String id(Addressing to) {
        if (to.requestSource() == null || to.requestId() == null) {
            return UUID.randomUUID().toString();
        }
        // source and id identify a CloudEvent; the separator cannot occur in a URI reference
        return UUID.nameUUIDFromBytes((to.requestSource() + ' ' + to.requestId()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static URI source(Addressing to) {
        StringBuilder source = new StringBuilder(SERVICE);
        if (to.modelName() != null) {
            source.append('/').append(URLEncoder.encode(to.modelName(), StandardCharsets.UTF_8));
            if (to.evaluate() != null) {
                source.append('/').append(URLEncoder.encode(to.evaluate(), StandardCharsets.UTF_8));
            }
        }
        return URI.create(source.toString());
    }

    private static void extension(CloudEventBuilder event, String name, String value) {
        if (value != null) {
            event.withExtension(name, value);
        }
    }
}
