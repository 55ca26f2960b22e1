package io.arbiter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The DMN TCK through the HTTP API: each test folder of ../shared/dmn-tck is published as a decision set, activated,
 * and every test case is evaluated through {@code POST /api/v1/decisions/{set}/evaluate} and compared, typed, with
 * the expected results. Writes target/tck/report.csv. The bar: every case the Drools 10.2.0 engine passes
 * in-process (its published results are beside the kit) passes here, and 0076-feel-external-java is rejected.
 */
class TckIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // FEEL results can be numbers of thousands of digits (e.g. 10 ** 1000); read them whole.
        JSON.getFactory().setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                .maxNumberLength(100_000).build());
        JSON.enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Path KIT = Path.of("..", "shared", "dmn-tck");
    private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    record TckCase(String folder, String testFile, String caseId, boolean passed, String detail) {
    }

    @Test
    void kitPassesThroughTheApi() throws Exception {
        Map<String, Boolean> drools = droolsResults();
        Path dir = Files.createDirectories(Path.of("target", "tck"));
        List<TckCase> results = new ArrayList<>();
        String rejected076 = null;
        try (ServiceProcess service = ServiceProcess.start(Files.createTempDirectory(dir, "data"), dir.resolve("service.log"))) {
            for (Path folder : folders()) {
                String set = folder.getFileName().toString().toLowerCase();
                String level = folder.getParent().getFileName().toString();
                HttpResponse<String> published = publish(service, set, folder);
                if (set.startsWith("0076")) {
                    rejected076 = published.statusCode() == 422 ? "rejected" : "accepted (" + published.statusCode() + ")";
                    continue;
                }
                boolean active = published.statusCode() == 201 && service.post("/api/v1/decision-sets/" + set
                        + "/versions/1/activate", "", "admin").statusCode() == 200;
                for (Path testFile : testFiles(folder)) {
                    results.addAll(runFile(service, set, level + "/" + folder.getFileName(), testFile, active,
                            active ? "" : "publication failed: " + published.statusCode() + " " + abbreviate(published.body())));
                }
            }
        }
        write(dir.resolve("report.csv"), results);
        List<String> regressions = new ArrayList<>();
        int passed = 0;
        for (TckCase r : results) {
            passed += r.passed() ? 1 : 0;
            String key = r.folder() + "|" + r.testFile() + "|" + r.caseId();
            if (!r.passed() && drools.getOrDefault(key, false)) {
                regressions.add(key + ": " + r.detail());
            }
        }
        System.out.printf("TCK through the API: %d of %d cases pass; %d cases Drools passes in-process fail here%n",
                passed, results.size(), regressions.size());
        regressions.stream().limit(40).forEach(r -> System.out.println("  " + r));
        assertEquals("rejected", rejected076, "0076-feel-external-java must be rejected at publication");
        assertEquals(List.of(), regressions, "cases that pass in-process with Drools 10.2.0 must pass through the API");
    }

    /**
     * Publishes a kit folder as it is: its .dmn files, found by the service without a model list, and a manifest
     * that only sets the ENGINE validation level (a model another tool wrote may have validator errors in
     * decisions a test does not use; those decisions then evaluate to FAILED).
     */
    private static HttpResponse<String> publish(ServiceProcess service, String set, Path folder) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> dmn = Files.list(folder)) {
            for (Path file : dmn.filter(f -> f.toString().endsWith(".dmn")).sorted().toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        files.put(set + ".yaml", "validation: {level: ENGINE}\n");
        return service.post("/api/v1/decision-sets/" + set + "/versions",
                JSON.writeValueAsString(Map.of("files", files, "comment", "DMN TCK " + folder.getFileName())), "admin");
    }

    private static List<TckCase> runFile(ServiceProcess service, String set, String folder, Path testFile,
                                            boolean active, String why) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(testFile.toFile()).getDocumentElement();
        String model = text(child(root, "modelName"));
        String fileName = testFile.getFileName().toString().replace(".xml", "");
        List<TckCase> results = new ArrayList<>();
        for (Element testCase : children(root, "testCase")) {
            String id = testCase.getAttribute("id");
            if (!active) {
                results.add(new TckCase(folder, fileName, id, false, why));
                continue;
            }
            ObjectNode request = NODES.objectNode();
            ObjectNode context = request.putObject("context");
            for (Element input : children(testCase, "inputNode")) {
                context.set(input.getAttribute("name"), value(input));
            }
            if (model != null) {
                request.put("model", model);
            }
            boolean service_ = "decisionService".equals(testCase.getAttribute("type"));
            if (service_) {
                request.put("decisionService", testCase.getAttribute("invocableName"));
            }
            HttpResponse<String> response = service.post("/api/v1/decisions/" + set + "/evaluate",
                    JSON.writeValueAsString(request), "channel");
            if (response.statusCode() != 200) {
                results.add(new TckCase(folder, fileName, id, false, "HTTP " + response.statusCode() + " "
                        + abbreviate(response.body())));
                continue;
            }
            JsonNode answer = JSON.readTree(response.body());
            List<String> mismatches = new ArrayList<>();
            for (Element result : children(testCase, "resultNode")) {
                String name = result.getAttribute("name");
                JsonNode actual = answer.path("outputs").get(service_ ? testCase.getAttribute("invocableName") : name);
                if (service_ && actual != null && actual.isObject() && actual.has(name)) {
                    actual = actual.get(name);
                }
                boolean errorExpected = "true".equals(result.getAttribute("errorResult"));
                if (errorExpected) {
                    if (!(actual == null || actual.isNull() || failed(answer, name))) {
                        mismatches.add(name + ": an error expected, got " + actual);
                    }
                    continue;
                }
                Element expected = child(result, "expected");
                String mismatch = mismatch(expected == null ? NullNode() : value(expected), actual);
                if (mismatch != null) {
                    mismatches.add(name + ": " + mismatch);
                }
            }
            results.add(new TckCase(folder, fileName, id, mismatches.isEmpty(), String.join("; ", mismatches)));
        }
        return results;
    }

    private static boolean failed(JsonNode answer, String decision) {
        for (JsonNode result : answer.path("decisionResults")) {
            if (result.path("decision").asText().equals(decision) && result.path("status").asText().equals("FAILED")) {
                return true;
            }
        }
        return false;
    }

    /** A TCK value element (value, component, list) as JSON. */
    private static JsonNode value(Element holder) {
        Element value = child(holder, "value");
        if (value != null) {
            if ("true".equals(value.getAttributeNS(XSI, "nil"))) {
                return NullNode();
            }
            String type = value.getAttributeNS(XSI, "type");
            String text = value.getTextContent();
            if (type.endsWith("decimal") || type.endsWith("double") || type.endsWith("integer") || type.endsWith("int")
                    || type.endsWith("long")) {
                return NODES.numberNode(new BigDecimal(text.strip()));
            }
            if (type.endsWith("boolean")) {
                return NODES.booleanNode(Boolean.parseBoolean(text.strip()));
            }
            XsdTemporal.Type temporal = XsdTemporal.Type.of(type);
            if (temporal != null) {
                return new XsdTemporal(temporal, text.strip());
            }
            return NODES.textNode(text);
        }
        List<Element> components = children(holder, "component");
        if (!components.isEmpty()) {
            ObjectNode object = NODES.objectNode();
            for (Element component : components) {
                object.set(component.getAttribute("name"), value(component));
            }
            return object;
        }
        Element list = child(holder, "list");
        if (list != null) {
            ArrayNode array = NODES.arrayNode();
            for (Element item : children(list, "item")) {
                array.add(value(item));
            }
            return array;
        }
        return NullNode();
    }

    private static JsonNode NullNode() {
        return NODES.nullNode();
    }

    /**
     * Why a returned value is not the expected one, or null when it is: numbers by value, temporals by value and in
     * their XML Schema lexical form, lists and contexts member by member.
     */
    static String mismatch(JsonNode expected, JsonNode actual) {
        if (actual == null || actual.isNull()) {
            return expected.isNull() ? null : differs(expected, actual);
        }
        if (expected instanceof XsdTemporal temporal) {
            return temporal.mismatch(actual);
        }
        if (expected.isNumber()) {
            return actual.isNumber() && close(expected.decimalValue(), actual.decimalValue()) ? null : differs(expected, actual);
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return differs(expected, actual);
            }
            for (int i = 0; i < expected.size(); i++) {
                String mismatch = mismatch(expected.get(i), actual.get(i));
                if (mismatch != null) {
                    return "[" + i + "] " + mismatch;
                }
            }
            return null;
        }
        if (expected.isObject()) {
            if (!actual.isObject() || actual.size() != expected.size()) {
                return differs(expected, actual);
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String mismatch = mismatch(field.getValue(), actual.get(field.getKey()));
                if (mismatch != null) {
                    return field.getKey() + ": " + mismatch;
                }
            }
            return null;
        }
        if (expected.isTextual() && actual.isTextual()) {
            String want = expected.textValue();
            Object wantTemporal = XsdTemporal.temporalValue(want);
            return want.equals(actual.textValue())
                    || wantTemporal != null && wantTemporal.equals(XsdTemporal.temporalValue(actual.textValue()))
                    ? null : differs(expected, actual);
        }
        return expected.equals(actual) ? null : differs(expected, actual);
    }

    private static String differs(JsonNode expected, JsonNode actual) {
        return "expected " + expected + " got " + actual;
    }

    /**
     * The kit writes many expected numbers rounded from double arithmetic (2778.69354943277 for
     * 2778.693549432766768...): equal within a relative 1e-8, as the TCK's own runners compare.
     */
    private static boolean close(BigDecimal expected, BigDecimal actual) {
        if (expected.compareTo(actual) == 0) {
            return true;
        }
        BigDecimal scale = expected.abs().max(actual.abs());
        return expected.subtract(actual).abs().compareTo(scale.multiply(new BigDecimal("1e-8"))) <= 0;
    }

    private static Map<String, Boolean> droolsResults() throws IOException {
        Map<String, Boolean> results = new HashMap<>();
        for (String line : Files.readAllLines(KIT.resolve("drools-10.2.0-tck_results.csv"))) {
            String[] cells = line.split("\",\"");
            if (cells.length >= 4) {
                results.put(cells[0].replace("\"", "") + "|" + cells[1] + "|" + cells[2], cells[3].equals("SUCCESS"));
            }
        }
        return results;
    }

    private static List<Path> folders() throws IOException {
        List<Path> folders = new ArrayList<>();
        for (String level : List.of("compliance-level-2", "compliance-level-3")) {
            try (Stream<Path> list = Files.list(KIT.resolve(level))) {
                folders.addAll(list.filter(Files::isDirectory).sorted().toList());
            }
        }
        return folders;
    }

    private static List<Path> testFiles(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(f -> f.getFileName().toString().matches(".*-test-\\d+\\.xml")).sorted().toList();
        }
    }

    private static void write(Path file, List<TckCase> results) throws IOException {
        StringBuilder csv = new StringBuilder("folder,testFile,case,result,detail\n");
        TreeMap<String, int[]> perFolder = new TreeMap<>();
        for (TckCase r : results) {
            csv.append(r.folder()).append(',').append(r.testFile()).append(',').append(r.caseId()).append(',')
                    .append(r.passed() ? "PASS" : "FAIL").append(",\"").append(r.detail().replace("\"", "'")).append("\"\n");
            int[] counts = perFolder.computeIfAbsent(r.folder(), k -> new int[2]);
            counts[r.passed() ? 0 : 1]++;
        }
        Files.writeString(file, csv);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getLocalName().equals(name)) {
                list.add(e);
            }
        }
        return list;
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().strip();
    }
}
