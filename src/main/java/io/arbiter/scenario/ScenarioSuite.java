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
        List<Scenario> scenarios = new ArrayList<>();
        for (JsonNode node : required(root, "scenarios", file)) {
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
