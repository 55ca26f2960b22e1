package io.arbiter.decisionevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.repository.DecisionRepository;
import io.arbiter.repository.VersionStatus;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Kogito decision requests answered from the active sets: the shipped customer-value set's value-tier model, and a
 * set of a small model published here (two decisions, a decision service, a date input) whose new version answers
 * the next request once activated.
 */
@QuarkusTest
class DecisionEventsTest {

    private static final String VALUE_TIER_NS = "https://arbiter.io/dmn/customer-value/value-tier";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat STRUCTURED = new JsonFormat();

    @Inject
    DecisionEvents events;
    @Inject
    DecisionRepository repository;
    @Inject
    ActiveDecisionSets active;

    private static CloudEventBuilder request(String model, String namespace, String data) {
        CloudEventBuilder request = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/test/requester")).withType("DecisionRequest").withSubject("customer-17");
        if (model != null) {
            request.withExtension("kogitodmnmodelname", model);
        }
        if (namespace != null) {
            request.withExtension("kogitodmnmodelnamespace", namespace);
        }
        return data == null ? request : request.withData("application/json", data.getBytes(StandardCharsets.UTF_8));
    }

    private static String customer(String clv) {
        return """
                {"clv": %s, "recencyDays": 3, "pAlive": 0.9, "tenureMonths": 40, "monetary12m": 8000,
                 "frequency12m": 30}""".formatted(clv);
    }

    private CloudEvent answer(CloudEventBuilder request) {
        return events.answer(request.build()).orElseThrow();
    }

    private static JsonNode data(CloudEvent event) throws Exception {
        return JSON.readTree(event.getData().toBytes());
    }

    private static void assertError(CloudEvent answer, ErrorType type) throws Exception {
        assertEquals("DecisionResponseError", answer.getType(), () -> String.valueOf(answer));
        assertEquals(type.name(), data(answer).get("type").asText(), () -> String.valueOf(answer));
        assertEquals("customer-17", answer.getSubject());
    }

    @Test
    void valueTierAnsweredWithTheContextEchoingTheSubject() throws Exception {
        CloudEventBuilder request = request("value-tier", VALUE_TIER_NS, customer("5000"));
        CloudEvent answer = answer(request);

        assertEquals("DecisionResponse", answer.getType());
        assertEquals("1.0", answer.getSpecVersion().toString());
        assertEquals("customer-17", answer.getSubject());
        assertEquals(URI.create("/arbiter/value-tier"), answer.getSource());
        assertEquals("application/json", answer.getDataContentType());
        assertEquals("value-tier", answer.getExtension("kogitodmnmodelname"));
        assertEquals(VALUE_TIER_NS, answer.getExtension("kogitodmnmodelnamespace"));
        assertEquals("customer-value", answer.getExtension("arbiterdecisionset"));
        JsonNode data = data(answer);
        assertEquals("SILVER", data.get("valueTier").asText());
        assertEquals(5000, data.get("clv").asInt(), "Kogito's context keeps the inputs");
        // the same request again (a redelivery) is answered under the same id; another request under another
        CloudEvent again = answer(request);
        assertEquals(answer.getId(), again.getId());
        assertNotEquals(answer.getId(), answer(request("value-tier", VALUE_TIER_NS, customer("5000"))).getId());

        JsonNode filtered = data(answer(request("value-tier", VALUE_TIER_NS, customer("5000"))
                .withExtension("kogitodmnfilteredctx", true)));
        assertEquals(List.of("valueTier"), fieldNames(filtered));
    }

    @Test
    void oneDecisionByName() throws Exception {
        CloudEvent answer = answer(request("value-tier", VALUE_TIER_NS, customer("5000"))
                .withExtension("kogitodmnevaldecision", "valueTier"));
        assertEquals("DecisionResponse", answer.getType());
        assertEquals("SILVER", data(answer).get("valueTier").asText());
        assertEquals(URI.create("/arbiter/value-tier/valueTier"), answer.getSource());
        assertEquals("valueTier", answer.getExtension("kogitodmnevaldecision"));

        assertError(answer(request("value-tier", VALUE_TIER_NS, customer("5000"))
                .withExtension("kogitodmnevaldecision", "riskGrade")), ErrorType.DECISION_NOT_FOUND);
    }

    @Test
    void fullResultInKogitoDmnResultLayout() throws Exception {
        CloudEvent answer = answer(request("value-tier", VALUE_TIER_NS, customer("5000"))
                .withExtension("kogitodmnfullresult", "true"));
        assertEquals("DecisionResponseFull", answer.getType());
        JsonNode data = data(answer);
        assertEquals(VALUE_TIER_NS, data.get("namespace").asText());
        assertEquals("value-tier", data.get("modelName").asText());
        assertEquals("SILVER", data.at("/dmnContext/valueTier").asText());
        assertEquals("_valueTier", data.at("/decisionResults/0/decisionId").asText());
        assertEquals("SUCCEEDED", data.at("/decisionResults/0/evaluationStatus").asText());
        assertEquals("SILVER", data.at("/decisionResults/0/result").asText());
    }

    @Test
    void unknownModelOrNamespace() throws Exception {
        assertError(answer(request("value-tiers", VALUE_TIER_NS, customer("5000"))), ErrorType.MODEL_NOT_FOUND);
        CloudEvent answer = answer(request("value-tier", VALUE_TIER_NS + "/v2", customer("5000")));
        assertError(answer, ErrorType.MODEL_NOT_FOUND);
        assertEquals("value-tier", answer.getExtension("kogitodmnmodelname"), "the error repeats the model asked for");
        assertEquals(null, answer.getExtension("arbiterdecisionset"));
        assertError(answer(request("value-tier", VALUE_TIER_NS, customer("5000"))
                .withExtension("arbiterdecisionset", "rfm-segments")), ErrorType.MODEL_NOT_FOUND);
    }

    @Test
    void missingAttributesOrData() throws Exception {
        assertError(answer(request(null, VALUE_TIER_NS, customer("5000"))), ErrorType.BAD_REQUEST);
        assertError(answer(request("value-tier", null, customer("5000"))), ErrorType.BAD_REQUEST);
        assertError(answer(request("value-tier", "", customer("5000"))), ErrorType.BAD_REQUEST);
        assertError(answer(request("value-tier", VALUE_TIER_NS, null)), ErrorType.BAD_REQUEST);
        assertError(answer(request("value-tier", VALUE_TIER_NS, "[1, 2]")), ErrorType.BAD_REQUEST);
    }

    @Test
    void inputDataNotOfTheModelsTypes() throws Exception {
        CloudEvent answer = answer(request("value-tier", VALUE_TIER_NS, customer("\"a lot\"")));
        assertError(answer, ErrorType.BAD_REQUEST);
        assertEquals("customer-value", answer.getExtension("arbiterdecisionset"));
        assertTrue(data(answer).get("messages").toString().contains("clv"), () -> String.valueOf(answer));
        // an input left out is not a null: kie skips the decision
        assertError(answer(request("value-tier", VALUE_TIER_NS, "{\"clv\": 5000}")), ErrorType.BAD_REQUEST);
    }

    @Test
    void otherEventTypesAreNotAnswered() {
        assertEquals(Optional.empty(), events.answer(request("value-tier", VALUE_TIER_NS, customer("5000"))
                .withType("DecisionResponse").build()));
    }

    @Test
    void structuredJson() throws Exception {
        byte[] request = STRUCTURED.serialize(request("value-tier", VALUE_TIER_NS, customer("5000")).build());
        CloudEvent answer = STRUCTURED.deserialize(events.answer(request).orElseThrow());
        assertEquals("DecisionResponse", answer.getType());
        assertEquals("SILVER", data(answer).get("valueTier").asText());

        // JSON that says it is a request but is no CloudEvent (no id, no specversion): an error to its subject
        byte[] invalid = """
                {"type": "DecisionRequest", "source": "/test/requester", "subject": "customer-17",
                 "kogitodmnmodelname": "value-tier", "data": {}}""".getBytes(StandardCharsets.UTF_8);
        CloudEvent error = STRUCTURED.deserialize(events.answer(invalid).orElseThrow());
        assertError(error, ErrorType.BAD_REQUEST);
        assertEquals("value-tier", error.getExtension("kogitodmnmodelname"));

        assertThrows(UnreadableRequestException.class,
                () -> events.answer("{\"type\": \"DecisionRequest\", ".getBytes(StandardCharsets.UTF_8)));
        assertThrows(UnreadableRequestException.class,
                () -> events.answer("[\"DecisionRequest\"]".getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), events.answer("{\"type\": \"Other\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNewlyActivatedVersionAnswersTheNextRequest() throws Exception {
        String set = "events-" + RUN;
        String namespace = "https://arbiter.io/test/" + set;
        activate(set, publish(set, calculations(namespace, "x * 2")));
        CloudEvent v1 = answer(request("calc", namespace, "{\"x\": 5, \"day\": \"2026-02-28\"}"));
        assertEquals("1", v1.getExtension("arbiterversion"));
        assertEquals(10, data(v1).get("b").asInt());
        assertEquals("2026-03-01", data(v1).get("c").asText(), "dates typed as over HTTP");

        // one decision of several, and a decision service: only what was asked for
        JsonNode a = data(answer(request("calc", namespace, "{\"x\": 5}").withExtension("kogitodmnfilteredctx", true)
                .withExtension("kogitodmnevaldecision", "a")));
        assertEquals(List.of("a"), fieldNames(a));
        assertEquals(6, a.get("a").asInt());
        JsonNode service = data(answer(request("calc", namespace, "{\"x\": 5}").withExtension("kogitodmnfilteredctx", true)
                .withExtension("kogitodmnevaldecision", "onlyB")));
        assertEquals(List.of("b"), fieldNames(service));
        assertEquals(10, service.get("b").asInt());

        // input typing: a date that is none
        CloudEvent badDate = answer(request("calc", namespace, "{\"x\": 5, \"day\": \"2026-02-30\"}"));
        assertError(badDate, ErrorType.BAD_REQUEST);
        assertTrue(data(badDate).get("messages").get(0).asText().startsWith("/data/day: "), badDate::toString);

        activate(set, publish(set, calculations(namespace, "x * 3")));
        CloudEvent v2 = answer(request("calc", namespace, "{\"x\": 5, \"day\": \"2026-02-28\"}"));
        assertEquals("2", v2.getExtension("arbiterversion"));
        assertEquals(15, data(v2).get("b").asInt());
    }

    @Test
    void aModelInSeveralSetsAnswersFromTheSetNamedAndAFailedDecisionIsAnError() throws Exception {
        String namespace = "https://arbiter.io/test/shared-" + RUN;
        String first = "events-first-" + RUN;
        String second = "events-second-" + RUN;
        activate(first, publish(first, calculations(namespace, "x * 2")));
        activate(second, publish(second, Map.of("calc.dmn", calculations(namespace, "x * 4"),
                "broken.dmn", broken(namespace))));

        assertError(answer(request("calc", namespace, "{\"x\": 5}").withExtension("kogitodmnevaldecision", "b")),
                ErrorType.BAD_REQUEST);
        CloudEvent named = answer(request("calc", namespace, "{\"x\": 5}").withExtension("kogitodmnevaldecision", "b")
                .withExtension("arbiterdecisionset", second));
        assertEquals(second, named.getExtension("arbiterdecisionset"));
        assertEquals(20, data(named).get("b").asInt());

        CloudEvent failed = answer(request("broken", namespace, "{}"));
        assertError(failed, ErrorType.EVALUATION_FAILED);
        assertTrue(data(failed).get("details").asText().contains("d FAILED"), failed::toString);
    }

    /** A model whose one decision gives text where its type says number: it fails under kie's type check. */
    private static String broken(String namespace) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" namespace="%s" id="_broken" name="broken">
                  <decision id="_d" name="d">
                    <variable id="_d_var" name="d" typeRef="number"/>
                    <literalExpression id="_d_e"><text>"not a number"</text></literalExpression>
                  </decision>
                </definitions>
                """.formatted(namespace);
    }

    private long publish(String set, String dmn) {
        return publish(set, Map.of("calc.dmn", dmn));
    }

    private long publish(String set, Map<String, String> models) {
        Map<String, String> files = new java.util.HashMap<>(models);
        files.put(set + ".yaml", "name: " + set + "\nmodels:\n" + models.keySet().stream().sorted()
                .map(m -> "  - " + m + "\n").collect(java.util.stream.Collectors.joining()));
        DecisionRepository.Publication publication = repository.publish(set, files, "events test", "analyst");
        assertEquals(VersionStatus.VALIDATED, publication.status(), () -> publication.report().toString());
        return publication.version();
    }

    private void activate(String set, long version) throws InterruptedException {
        repository.activate(set, version, "approver", false);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (active.get(set).map(CompiledDecisionSet::version).orElse(0L) != version) {
            assertFalse(System.nanoTime() > deadline, "version " + version + " of " + set + " not taken up");
            Thread.sleep(5);
        }
    }

    /** Decisions a = x + 1, b = {@code b} and c = the day after {@code day}; the service onlyB outputs b. */
    private static String calculations(String namespace, String b) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" namespace="%s" id="_calc" name="calc">
                  <inputData id="_x" name="x"><variable id="_x_var" name="x" typeRef="number"/></inputData>
                  <inputData id="_day" name="day"><variable id="_day_var" name="day" typeRef="date"/></inputData>
                  <decision id="_a" name="a">
                    <variable id="_a_var" name="a" typeRef="number"/>
                    <informationRequirement id="_a_x"><requiredInput href="#_x"/></informationRequirement>
                    <literalExpression id="_a_e"><text>x + 1</text></literalExpression>
                  </decision>
                  <decision id="_b" name="b">
                    <variable id="_b_var" name="b" typeRef="number"/>
                    <informationRequirement id="_b_x"><requiredInput href="#_x"/></informationRequirement>
                    <literalExpression id="_b_e"><text>%s</text></literalExpression>
                  </decision>
                  <decision id="_c" name="c">
                    <variable id="_c_var" name="c" typeRef="date"/>
                    <informationRequirement id="_c_day"><requiredInput href="#_day"/></informationRequirement>
                    <literalExpression id="_c_e"><text>day + duration("P1D")</text></literalExpression>
                  </decision>
                  <decisionService id="_onlyB" name="onlyB">
                    <variable id="_onlyB_var" name="onlyB"/>
                    <outputDecision href="#_b"/>
                    <inputData href="#_x"/>
                  </decisionService>
                </definitions>
                """.formatted(namespace, b);
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
