package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.repository.ShippedBundles;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The publication gate through the API, as an analyst account would attack it: every hostile bundle answers 422
 * with a report that names the file, the line and the construct, and nothing in it ran (no marker file, no request
 * to a local listener). Standard DMN without a manifest publishes and evaluates.
 */
@QuarkusTest
class DecisionSetResourceGateTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void codeHiddenFromTheCheckerByAUnicodeEscapeIsRefusedAndNeverRuns() throws Exception {
        Path marker = Path.of(System.getProperty("java.io.tmpdir"), "arbiter-api-marker-" + UUID.randomUUID());
        String set = set("escape");
        // the shipped scenario suites fire the rules at publication: without the gate, the payload would run there
        Map<String, String> files = shippedWithRules(set, "hostile.drl", """
                package io.arbiter.rules.hostile;
                import io.arbiter.engine.rules.*;
                rule "HOSTILE"
                when
                    Customer()
                then
                    // \\u000a new java.io.File("%s").createNewFile();
                end
                """.formatted(marker));
        int version = publish(set, files).statusCode(422)
                .body("status", equalTo("REJECTED"))
                .body("report.find { it.file == 'hostile.drl' }.line", equalTo(7))
                .body("report.find { it.file == 'hostile.drl' }.text", containsString("\\u000a"))
                .extract().path("version");
        assertFalse(Files.exists(marker), "nothing ran at publication");
        as("analyst").contentType(ContentType.JSON).body("{\"customerId\": \"nobody\"}")
                .post("/api/v1/decision-sets/" + set + "/versions/" + version + "/evaluate")
                .then().statusCode(409);
        as("approver").post("/api/v1/decision-sets/" + set + "/versions/" + version + "/activate").then().statusCode(409);
        assertFalse(Files.exists(marker), "nor at draft evaluation or activation");
        as("analyst").get("/api/v1/audit?decisionSet=" + set).then().statusCode(200).body("action", hasItem("REJECT"));
    }

    @Test
    void anExternalDtdIsNeverFetchedWhateverTheFileIsCalled() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] dtd = "<!ENTITY x \"expanded\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, dtd.length);
            exchange.getResponseBody().write(dtd);
            exchange.close();
        });
        listener.start();
        try {
            String url = "http://127.0.0.1:" + listener.getAddress().getPort() + "/model.dtd";
            String model = "<?xml version=\"1.0\"?>\n<!DOCTYPE definitions SYSTEM \"" + url + "\">\n"
                    + ShippedBundles.load("customer-value").files().get("risk-grade.dmn").replaceFirst("<\\?xml[^>]*>", "");
            fetchedByAPlainParser(model);
            assertEquals(1, requests.get(), "the payload is live: a plain XML parser fetches the DTD");

            String set = set("dtd");
            Map<String, String> files = new LinkedHashMap<>(Fixtures.copyOfShipped(set));
            files.put("risk-grade.yaml", model);
            files.remove("risk-grade.dmn");
            files.put(set + ".yaml", files.get(set + ".yaml").replace("- risk-grade.dmn", "- risk-grade.yaml"));
            publish(set, files).statusCode(422)
                    .body("report.find { it.file == 'risk-grade.yaml' }.text", containsString("DTDs"))
                    .body("report.find { it.file == 'risk-grade.yaml' }.line", equalTo(2));
            assertEquals(1, requests.get(), "the service fetched nothing");
        } finally {
            listener.stop(0);
        }
    }

    @Test
    void malformedAndAbsurdFilesAreRejectionsNotServerErrors() throws Exception {
        String set = set("malformed");
        Map<String, String> notXml = new LinkedHashMap<>(Fixtures.copyOfShipped(set));
        notXml.put("risk-grade.dmn", "this is not XML");
        publish(set, notXml).statusCode(422)
                .body("report.find { it.file == 'risk-grade.dmn' }.text", containsString("not well-formed XML"));

        Map<String, String> deep = new LinkedHashMap<>(Fixtures.copyOfShipped(set));
        deep.put("retention-actions.drl", deep.get("retention-actions.drl")
                + "\nrule \"deep\"\nwhen\n    Customer()\nthen\n    String s = a" + ".a".repeat(5000) + ";\nend\n");
        publish(set, deep).statusCode(422)
                .body("report.find { it.file == 'retention-actions.drl' }.text", containsString("too deeply"));

        Map<String, String> endless = new LinkedHashMap<>(Fixtures.copyOfShipped(set));
        endless.put("retention-actions.drl", endless.get("retention-actions.drl")
                + "\nrule \"endless\"\nwhen\n    Customer()\nthen\n    while (true) { }\nend\n");
        publish(set, endless).statusCode(422)
                .body("report.find { it.file == 'retention-actions.drl' }.text", containsString("loops are not allowed"));
    }

    @Test
    void multipartPublicationsPassTheSameGate() {
        String set = set("multipart");
        Map<String, String> files = Fixtures.copyOfShipped(set);
        var request = as("analyst").multiPart("comment", "over multipart");
        for (Map.Entry<String, String> file : files.entrySet()) {
            String text = file.getKey().endsWith(".drl")
                    ? file.getValue() + "\nrule \"exit\"\nwhen\nthen\n    System.exit(0);\nend\n" : file.getValue();
            request = request.multiPart(file.getKey(), file.getKey(), text.getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        request.post("/api/v1/decision-sets/" + set + "/versions").then().statusCode(422)
                .body("report.find { it.file == 'retention-actions.drl' }.text", containsString("'System'"));
    }

    @Test
    void standardDmnWithoutAManifestPublishesAndEvaluates() throws Exception {
        String set = set("plain-dmn");
        String dmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="p" name="plain"
                             namespace="https://arbiter.io/test/plain">
                  <inputData id="i" name="amount"><variable id="iv" name="amount" typeRef="number"/></inputData>
                  <decision id="d" name="doubled">
                    <variable id="dv" name="doubled" typeRef="number"/>
                    <informationRequirement id="ir"><requiredInput href="#i"/></informationRequirement>
                    <literalExpression id="le"><text>amount * 2</text></literalExpression>
                  </decision>
                </definitions>
                """;
        publish(set, Map.of("plain.dmn", dmn)).statusCode(201).body("status", equalTo("VALIDATED"));
        as("admin").post("/api/v1/decision-sets/" + set + "/versions/1/activate").then().statusCode(200);
        as("channel").contentType(ContentType.JSON).body("{\"context\": {\"amount\": 21}}")
                .post("/api/v1/decisions/" + set + "/evaluate")
                .then().statusCode(200).body("outputs.doubled", equalTo(42));
    }

    private static void fetchedByAPlainParser(String xml) throws Exception {
        try {
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        } catch (org.xml.sax.SAXException | IOException parsedEnough) {
            // the DTD was fetched before anything else could go wrong; that is all the control needs
        }
    }

    private static ValidatableResponse publish(String set, Map<String, String> files) throws Exception {
        return as("analyst").contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(Map.of("files", files, "comment", "hostile")))
                .post("/api/v1/decision-sets/" + set + "/versions").then();
    }

    /** The shipped set under a new name, scenario suites included, with one more rule file. */
    private static Map<String, String> shippedWithRules(String set, String file, String drl) {
        DecisionSetBundle shipped = ShippedBundles.load("customer-value");
        Map<String, String> files = new LinkedHashMap<>();
        shipped.files().forEach((name, text) -> files.put(name.equals(shipped.manifestFile()) ? set + ".yaml" : name,
                name.equals(shipped.manifestFile()) ? text.replace("name: customer-value", "name: " + set)
                        .replace("rules:\n", "rules:\n  - " + file + "\n") : text));
        files.put(file, drl);
        return files;
    }

    private static String set(String what) {
        return "gate-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
