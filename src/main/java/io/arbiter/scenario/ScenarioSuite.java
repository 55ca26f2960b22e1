package io.arbiter.scenario;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A business-readable scenario suite: facts (merged over the suite's defaults) and the expected tier, grade and
 * actions, evaluated as of the suite's date so results do not drift with the calendar.
 */
public record ScenarioSuite(String file, LocalDate asOf, List<Scenario> scenarios) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Far more than a suite needs (the shipped one has 24), few enough that a suite cannot fill the heap. */
    static final int MAX_SCENARIOS = 1_000;
    static final int MAX_DEFAULTS_VALUES = 256;

    /** One case. {@code expectedActionCodes} is null when the case does not pin codes. */
    public record Scenario(String name, String description, JsonNode facts, String expectedValueTier,
                           String expectedRiskGrade, List<String> expectedActionTypes, List<String> expectedActionCodes) {
    }

    /** The suites a manifest names, read from the bundle's files; {@code errors} says, by file, why one is unreadable. */
    public record Suites(List<ScenarioSuite> suites, Map<String, String> errors) {
    }

    public static Suites parseAll(List<String> names, Map<String, String> files) {
        List<ScenarioSuite> suites = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        for (String file : names) {
            try {
                suites.add(parse(file, files.get(file)));
            } catch (IOException | RuntimeException e) {
                errors.put(file, String.valueOf(e.getMessage()));
            }
        }
        return new Suites(suites, errors);
    }

    public static ScenarioSuite parse(String file, String yaml) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": a scenario suite is a YAML mapping");
        }
        LocalDate asOf = LocalDate.parse(required(root, "asOf", file).asText());
        JsonNode defaults = root.path("defaults");
        // every scenario gets its own copy of the defaults: both are bounded, so the copies are too
        if (size(defaults) > MAX_DEFAULTS_VALUES) {
            throw new IOException(file + ": 'defaults' holds more than " + MAX_DEFAULTS_VALUES + " values; a customer's"
                    + " facts have about 25");
        }
        JsonNode listed = required(root, "scenarios", file);
        if (listed.size() > MAX_SCENARIOS) {
            throw new IOException(file + ": " + listed.size() + " scenarios; a suite holds at most " + MAX_SCENARIOS);
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (JsonNode node : listed) {
            String name = required(node, "name", file).asText();
            ObjectNode facts = defaults.isObject() ? ((ObjectNode) defaults).deepCopy() : YAML.createObjectNode();
            merge(facts, node.path("facts"));
            if (!facts.has("customerId")) {
                facts.put("customerId", "scenario");
            }
            JsonNode expect = required(node, "expect", file + " / " + name);
            scenarios.add(new Scenario(name, node.path("description").asText(null), facts,
                    expect.path("valueTier").asText(null), expect.path("riskGrade").asText(null),
                    strings(expect.get("actionTypes")), strings(expect.get("actionCodes"))));
        }
        return new ScenarioSuite(file, asOf, List.copyOf(scenarios));
    }

    /** The values in a tree (objects and arrays count their members), without recursion. */
    private static int size(JsonNode node) {
        int count = 0;
        java.util.ArrayDeque<JsonNode> open = new java.util.ArrayDeque<>(List.of(node));
        while (!open.isEmpty() && count <= MAX_DEFAULTS_VALUES) {
            JsonNode next = open.pop();
            count++;
            next.forEach(open::push);
        }
        return count;
    }

    private static void merge(ObjectNode into, JsonNode overrides) {
        if (!overrides.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = overrides.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            into.set(field.getKey(), field.getValue());
        }
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }

    private static JsonNode required(JsonNode node, String field, String where) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IOException(where + ": '" + field + "' is required");
        }
        return value;
    }
}
