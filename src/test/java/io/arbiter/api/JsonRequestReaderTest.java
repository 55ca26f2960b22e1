package io.arbiter.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arbiter.input.FieldError;

/**
 * The one reader of JSON request bodies, on the application's number settings: the pointer and message of every
 * kind of wrong field, the limits, and numbers kept digit for digit.
 */
class JsonRequestReaderTest {

    private static final int LIMIT = 4096;

    private final JsonRequestReader reader;

    JsonRequestReaderTest() {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        new JsonNumbers().customize(mapper);
        reader = new JsonRequestReader(mapper, LIMIT, new BodyPace(1024, java.time.Duration.ofSeconds(10)));
    }

    @Test
    void unknownFieldsAreNamedWhereverTheyAre() {
        assertInvalid(BatchEvaluationResource.BatchEvaluationRequest.class, "{\"mode\": \"APPLY\", \"when\": \"now\"}",
                "unknown field when", "/when", "unknown field");
        assertInvalid(BatchEvaluationResource.BatchEvaluationRequest.class, "{\"filter\": {\"colour\": \"red\"}}",
                "unknown field filter/colour", "/filter/colour", "unknown field");
    }

    @Test
    void nothingIsCoerced() {
        Class<BatchEvaluationResource.BatchEvaluationRequest> batch = BatchEvaluationResource.BatchEvaluationRequest.class;
        assertInvalid(batch, "{\"decisionSet\": 42}", "decisionSet must be a string", "/decisionSet", "must be a string");
        assertInvalid(batch, "{\"decisionSet\": true}", "decisionSet must be a string", "/decisionSet", "must be a string");
        assertInvalid(batch, "{\"version\": \"5\"}", "version must be a whole number", "/version", "must be a whole number");
        assertInvalid(batch, "{\"version\": 1.0}", "version must be a whole number", "/version", "must be a whole number");
        assertInvalid(batch, "{\"version\": \"\"}", "version must be a whole number", "/version", "must be a whole number");
        assertInvalid(batch, "{\"compareTo\": 99999999999999999999}", "compareTo is out of range", "/compareTo",
                "is out of range");
        assertInvalid(batch, "{\"filter\": []}", "filter must be a JSON object", "/filter", "must be a JSON object");
        assertInvalid(batch, "{\"filter\": {\"segment\": 5}}", "filter/segment must be a string", "/filter/segment",
                "must be a string");
        assertInvalid(DecisionSetResource.PublicationRequest.class, "{\"files\": {\"a.dmn\": 42}}",
                "files/a.dmn must be a string", "/files/a.dmn", "must be a string");
        assertInvalid(DecisionSetResource.PublicationRequest.class, "{\"files\": {\"a.dmn\": null}}",
                "files/a.dmn must be a string", "/files/a.dmn", "must be a string");
    }

    @Test
    void aDateIsAnIsoDateStringAndNothingElse() {
        assertEquals(LocalDate.of(2026, 2, 28),
                read(AnalyticsResource.FitRequest.class, "{\"calibrationEnd\": \"2026-02-28\"}").calibrationEnd());
        for (String date : List.of("\"2026-02-30\"", "\" 2026-02-28\"", "\"2026-02-28T10:00\"", "[2026, 2, 28]", "20000",
                "\"1899-12-31\"", "\"-999999999-01-01\"", "\"+10000-01-01\"")) {
            assertInvalid(AnalyticsResource.FitRequest.class, "{\"calibrationEnd\": " + date + "}",
                    "calibrationEnd must be an ISO 8601 date (YYYY-MM-DD) from 1900-01-01 to 9999-12-31",
                    "/calibrationEnd", "must be an ISO 8601 date (YYYY-MM-DD) from 1900-01-01 to 9999-12-31");
        }
        assertEquals(LocalDate.of(1900, 1, 1),
                read(AnalyticsResource.FitRequest.class, "{\"calibrationEnd\": \"1900-01-01\"}").calibrationEnd());
    }

    @Test
    void documentsKeepEveryDigitAndTellNullFromAbsent() {
        DecisionResource.EvaluationRequest request = read(DecisionResource.EvaluationRequest.class,
                "{\"model\": \"m\", \"facts\": {\"monetary12m\": 0.1000000000000000000000000001}, \"context\": null}");
        assertEquals(new BigDecimal("0.1000000000000000000000000001"), request.facts().get("monetary12m").decimalValue());
        assertEquals(NullNode.getInstance(), request.context());
        assertNull(request.customerId());
        assertEquals(Map.of("a.dmn", "<x/>"),
                read(DecisionSetResource.PublicationRequest.class, "{\"files\": {\"a.dmn\": \"<x/>\"}}").files());
    }

    @Test
    void malformedOrOversizedBodiesAreRefusedBeforeAnyField() {
        Problem malformed = problem(ObjectNode.class, "{\"customerId\": \"a\",\n \"segment\": }");
        assertEquals(400, malformed.status());
        assertTrue(malformed.detail().startsWith("malformed JSON at line 2, column 13: "), malformed.detail());
        assertEquals(List.of(), malformed.errors());
        // syntax before fields: the unknown field is not what is reported
        assertTrue(problem(AnalyticsResource.FitRequest.class, "{\"colour\": 1,").detail().startsWith("malformed JSON"));

        assertEquals("the JSON exceeds a limit: Number value length (101) exceeds the maximum allowed (100, from "
                + "`StreamReadConstraints.getMaxNumberLength()`)", problem(ObjectNode.class,
                "{\"amount\": 1" + "0".repeat(100) + "}").detail());
        assertEquals(413, problem(ObjectNode.class, "{\"a\": \"" + "x".repeat(LIMIT) + "\"}").status());
        assertEquals("the body is empty; a JSON object is expected", problem(ObjectNode.class, "").detail());
        for (String notAnObject : List.of("[]", "null", "42")) {
            Problem problem = problem(ObjectNode.class, notAnObject);
            assertEquals("the body must be a JSON object", problem.detail());
            assertEquals(List.of(new FieldError("", "must be a JSON object")), problem.errors());
        }
    }

    private <T> T read(Class<T> type, String body) {
        return reader.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), type);
    }

    private Problem problem(Class<?> type, String body) {
        return assertThrows(ProblemException.class, () -> read(type, body)).problem();
    }

    private void assertInvalid(Class<?> type, String body, String detail, String pointer, String message) {
        Problem problem = problem(type, body);
        assertEquals(400, problem.status(), body);
        assertEquals("urn:arbiter:problem:invalid-input", problem.type(), body);
        assertEquals(detail, problem.detail(), body);
        assertEquals(List.of(new FieldError(pointer, message)), problem.errors(), body);
    }
}
