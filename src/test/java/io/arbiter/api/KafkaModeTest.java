package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static io.arbiter.api.Fixtures.id;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.streaming.KafkaBrokerResource;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.restassured.http.ContentType;
import io.arbiter.streaming.TopicClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Kafka mode against a broker in the test JVM: events in (refused ones to the DLQ), decision changes out, Kogito decision requests answered. */
@QuarkusTest
@TestProfile(KafkaModeTest.KafkaMode.class)
class KafkaModeTest {

    public static class KafkaMode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("arbiter.data-dir", "target/test-data-kafka/" + UUID.randomUUID());
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaBrokerResource.class));
        }
    }

    private static final String EVENTS = "arbiter.events";
    private static final String DLQ = "arbiter.events.dlq";
    private static TopicClient topics;

    @BeforeAll
    static void connect() {
        topics = new TopicClient(ConfigProvider.getConfig().getValue("arbiter.kafka.bootstrap-servers", String.class));
    }

    @AfterAll
    static void disconnect() {
        topics.close();
    }

    static String event(String eventId, String customerId, String type, LocalDate on) {
        String money = type.equals("PURCHASE") || type.equals("PAYMENT") ? ", \"amount\": 10.00, \"currency\": \"EUR\"" : "";
        return "{\"eventId\": \"%s\", \"customerId\": \"%s\", \"type\": \"%s\", \"occurredAt\": \"%sT10:00:00Z\"%s}"
                .formatted(eventId, customerId, type, on, money);
    }

    @Test
    void everyDistinctEventReachesTheFactsOnceAndRefusedRecordsReachTheDeadLetterTopic() throws Exception {
        String run = id("kafka");
        int customers = 300;
        int perCustomer = 100;
        String[] types = {"PURCHASE", "CONTACT", "COMPLAINT", "PAYMENT"};
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            ids.add(run + "-" + c);
        }
        // interleaved over customers, as a real stream is; every tenth event sent twice (a producer's retry)
        for (int e = 0; e < perCustomer; e++) {
            for (String customer : ids) {
                String type = types[(e + customer.length()) % types.length];
                byte[] value = event(customer + "-e" + e, customer, type, LocalDate.of(2025, 7, 1).plusDays(e))
                        .getBytes(StandardCharsets.UTF_8);
                topics.send(EVENTS, customer, value);
                if (e % 10 == 0) {
                    topics.send(EVENTS, customer, value);
                }
            }
        }
        String victim = ids.get(0);
        Map<String, String> refused = new HashMap<>();
        refused.put("{\"eventId\": \"x1\", ", "malformed JSON");
        refused.put(event("x2", victim, "PURCHASE", LocalDate.of(2025, 8, 1)) + " {}", "malformed JSON");
        refused.put(event("x3", victim, "TELEPORT", LocalDate.of(2025, 8, 1)), "/type ");
        refused.put(event("x4", victim, "PURCHASE", LocalDate.of(2125, 8, 1)), "/occurredAt must not be in the future");
        refused.put(event("x5", ids.get(1), "CONTACT", LocalDate.of(2025, 8, 1)), "/customerId is not the record's key");
        List<Future<RecordMetadata>> garbage = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Map.Entry<String, String> record : refused.entrySet()) {
            garbage.add(topics.send(EVENTS, victim, record.getKey().getBytes(StandardCharsets.UTF_8)));
            reasons.add(record.getValue());
        }
        garbage.add(topics.send(EVENTS, victim, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}));
        reasons.add("not valid UTF-8 at byte 2 of the record");
        topics.flush();
        Map<String, String> where = new HashMap<>();
        for (int i = 0; i < garbage.size(); i++) {
            RecordMetadata sent = garbage.get(i).get();
            where.put(sent.partition() + "/" + sent.offset(), reasons.get(i));
        }

        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        List<String> waiting = new ArrayList<>(ids);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            waiting.removeIf(customer -> {
                Integer events = as("channel").get("/api/v1/customers/" + customer).then().extract()
                        .path("fromEvents.events");
                return events != null && events == perCustomer;
            });
            if (!waiting.isEmpty()) {
                Thread.sleep(500);
            }
        }
        assertTrue(waiting.isEmpty(), waiting.size() + " customers do not hold their " + perCustomer + " events");
        // the duplicates were not counted again, and nothing was counted twice after all: still exactly 100
        for (String customer : List.of(ids.get(0), ids.get(150), ids.get(299))) {
            List<String> eventIds = as("admin").get("/api/v1/customers/" + customer + "/export").then()
                    .statusCode(200).extract().path("events.eventId");
            assertEquals(perCustomer, eventIds.size());
            assertEquals(perCustomer, new java.util.HashSet<>(eventIds).size());
        }

        List<ConsumerRecord<String, byte[]>> letters = topics.readAll(DLQ, garbage.size(), Duration.ofSeconds(60));
        assertEquals(garbage.size(), letters.size(), "one dead letter per refused record, no good record among them");
        for (ConsumerRecord<String, byte[]> letter : letters) {
            String partition = header(letter, "dead-letter-partition");
            String offset = header(letter, "dead-letter-offset");
            String reason = where.get(partition + "/" + offset);
            assertTrue(reason != null, "a dead letter names a refused record's partition and offset: " + partition + "/" + offset);
            assertEquals(EVENTS, header(letter, "dead-letter-topic"));
            assertTrue(header(letter, "dead-letter-reason").contains(reason),
                    header(letter, "dead-letter-reason") + " should say " + reason);
            assertEquals(victim, letter.key());
        }
    }

    @Test
    void anApplyPublishesOneCloudEventPerChangedCustomerAndEventsDecideTheirCustomersAgain() throws Exception {
        String prefix = id("kafka-apply");
        int customers = 40;
        for (int c = 0; c < customers; c++) {
            String customer = prefix + "-" + c;
            as("channel").contentType(ContentType.JSON).body(Fixtures.facts(customer)).put("/api/v1/customers/" + customer)
                    .then().statusCode(anyOf(equalTo(200), equalTo(201)));
        }
        String job = as("approver").contentType(ContentType.JSON)
                .body("{\"decisionSet\": \"customer-value\", \"mode\": \"APPLY\", \"filter\": {\"customerIdPrefix\": \""
                        + prefix + "\"}}")
                .post("/api/v1/batch-evaluations").then().statusCode(202).extract().path("id");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String status = "QUEUED";
        while ((status.equals("QUEUED") || status.equals("RUNNING")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = as("analyst").get("/api/v1/batch-evaluations/" + job).then().extract().path("status");
        }
        assertEquals("COMPLETED", status);

        // every customer's first decision is a change: one CloudEvent each, keyed by the customer, id its feed cursor
        Map<String, CloudEvent> byCustomer = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : ours(prefix, customers, Duration.ofSeconds(60))) {
            CloudEvent event = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE)
                    .deserialize(record.value());
            assertEquals(record.key(), event.getSubject());
            assertEquals(JsonFormat.CONTENT_TYPE, header(record, "content-type"));
            assertEquals("io.arbiter.decision.changed", event.getType());
            assertEquals("1.0", event.getSpecVersion().toString());
            JsonNode data = new ObjectMapper().readTree(event.getData().toBytes());
            assertEquals(event.getId(), data.get("cursor").asText());
            assertEquals(event.getSubject(), data.get("customerId").asText());
            assertEquals("customer-value", event.getExtension("decisionset"));
            assertTrue(data.get("before").isNull());
            assertTrue(byCustomer.put(event.getSubject(), event) == null, "one event per changed customer");
        }
        assertEquals(customers, byCustomer.size());

        // a stream of missed payments worsens one customer's risk grade: decided again, the change published
        String worsening = prefix + "-0";
        String before = as("channel").get("/api/v1/customers/" + worsening + "/decisions/latest").then().statusCode(200)
                .extract().path("find { it.decisionSet == 'customer-value' }.outcome.riskGrade");
        for (int e = 0; e < 6; e++) {
            topics.send(EVENTS, worsening, ("{\"eventId\": \"" + worsening + "-missed-" + e + "\", \"customerId\": \""
                    + worsening + "\", \"type\": \"MISSED_PAYMENT\", \"amount\": 50.00, \"currency\": \"EUR\","
                    + " \"occurredAt\": \"2026-0" + (e + 1) + "-15T10:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
        }
        topics.flush();
        List<ConsumerRecord<String, byte[]>> changes = ours(worsening, 2, Duration.ofSeconds(60));
        assertTrue(changes.size() > 1, "the re-decision's change is published after the APPLY's");
        JsonNode last = new ObjectMapper().readTree(EventFormatProvider.getInstance()
                .resolveFormat(JsonFormat.CONTENT_TYPE).deserialize(changes.get(changes.size() - 1).value()).getData().toBytes());
        assertEquals(before, last.at("/before/riskGrade").asText());
        assertTrue(last.at("/after/riskGrade").asText().compareTo(before) > 0, "the grade worsened: " + last);
    }

    @Test
    void aFraudFlagRaisesACriticalAlertInTheApiAndOnTheAlertsTopic() throws Exception {
        String customer = id("kafka-fraud");
        as("channel").contentType(ContentType.JSON).body(Fixtures.facts(customer)).put("/api/v1/customers/" + customer)
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
        String evaluate = "{\"customerId\": \"" + customer + "\"}";
        as("channel").contentType(ContentType.JSON).body(evaluate).post("/api/v1/decisions/customer-value/evaluate")
                .then().statusCode(200).body("riskGrade", equalTo("A"));
        as("channel").contentType(ContentType.JSON).body(Fixtures.facts(customer)
                        .replace("\"fraudFlag\": false", "\"fraudFlag\": true")).put("/api/v1/customers/" + customer)
                .then().statusCode(200);
        as("channel").contentType(ContentType.JSON).body(evaluate).post("/api/v1/decisions/customer-value/evaluate")
                .then().statusCode(200).body("riskGrade", equalTo("E"));

        List<ConsumerRecord<String, byte[]>> published = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (published.isEmpty() && System.nanoTime() < deadline) {
            published = topics.readAll("arbiter.alerts", Integer.MAX_VALUE, Duration.ofSeconds(2)).stream()
                    .filter(record -> customer.equals(record.key())).toList();
        }
        Thread.sleep(1000);
        // read again: an alert published twice, or one for the first decision, would show now
        published = topics.readAll("arbiter.alerts", Integer.MAX_VALUE, Duration.ofSeconds(2)).stream()
                .filter(record -> customer.equals(record.key())).toList();
        assertEquals(1, published.size(), "one alert for the change to E, none for the first decision (grade A)");
        CloudEvent alert = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE)
                .deserialize(published.get(0).value());
        assertEquals("io.arbiter.alert.raised", alert.getType());
        assertEquals("CRITICAL", alert.getExtension("alertlevel"));
        JsonNode data = new ObjectMapper().readTree(alert.getData().toBytes());
        assertEquals("RISK-E", data.get("code").asText());
        assertEquals("A", data.get("previousGrade").asText());
        assertEquals(alert.getId(), data.get("id").asText());
        as("analyst").get("/api/v1/customers/" + customer + "/alerts").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].level", equalTo("CRITICAL")).body("[0].id", equalTo(alert.getId()));
    }

    @Test
    void kogitoDecisionRequestsAreAnsweredOnTheResponsesTopic() throws Exception {
        String subject = id("kogito");
        String request = """
                {"specversion": "1.0", "id": "%s", "source": "/crm/test", "type": "DecisionRequest", "subject": "%s",
                 "datacontenttype": "application/json", "kogitodmnmodelname": "%s",
                 "kogitodmnmodelnamespace": "https://arbiter.io/dmn/customer-value/value-tier",
                 "data": {"clv": 5000, "recencyDays": 3, "pAlive": 0.9, "tenureMonths": 40, "monetary12m": 8000,
                          "frequency12m": 30}}""";
        topics.send("arbiter.decision-requests", subject,
                request.formatted("r1", subject, "value-tier").getBytes(StandardCharsets.UTF_8));
        topics.send("arbiter.decision-requests", subject, "not a cloud event".getBytes(StandardCharsets.UTF_8));
        topics.send("arbiter.decision-requests", subject,
                request.formatted("r2", subject, "value-tiers").getBytes(StandardCharsets.UTF_8));
        topics.flush();
        List<CloudEvent> answers = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (answers.size() < 2 && System.nanoTime() < deadline) {
            answers = topics.readAll("arbiter.decision-responses", Integer.MAX_VALUE, Duration.ofSeconds(2)).stream()
                    .filter(record -> subject.equals(record.key()))
                    .map(record -> EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE)
                            .deserialize(record.value())).toList();
        }
        assertEquals(2, answers.size(), "the two requests answered in order, the unreadable record passed over");
        assertEquals("DecisionResponse", answers.get(0).getType());
        assertEquals(subject, answers.get(0).getSubject());
        assertEquals("SILVER", new ObjectMapper().readTree(answers.get(0).getData().toBytes()).get("valueTier").asText());
        assertEquals("DecisionResponseError", answers.get(1).getType());
        assertEquals("MODEL_NOT_FOUND", new ObjectMapper().readTree(answers.get(1).getData().toBytes()).get("type").asText());
    }

    /** The decision-changes records of customers whose ids start with {@code prefix}. */
    private static List<ConsumerRecord<String, byte[]>> ours(String prefix, int atLeast, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        List<ConsumerRecord<String, byte[]>> ours = List.of();
        while (ours.size() < atLeast && System.nanoTime() < deadline) {
            ours = topics.readAll("arbiter.decision-changes", Integer.MAX_VALUE, Duration.ofSeconds(3)).stream()
                    .filter(record -> record.key() != null && record.key().startsWith(prefix)).toList();
        }
        return ours;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
