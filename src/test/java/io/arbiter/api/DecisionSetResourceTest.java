package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.repository.DecisionRepository;
import io.arbiter.repository.RepositoryException;
import io.arbiter.validation.BundleLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Publishing, activating and rolling back a decision set through the API, on a copy of the shipped set. */
@QuarkusTest
class DecisionSetResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A customer who reaches only value-tier's catch-all row: BRONZE in the shipped set. */
    private static final String CATCH_ALL_CUSTOMER = """
            {"facts": {"customerId": "catch-all", "segment": "RETAIL", "country": "DE", "joinedOn": "2024-01-01",
             "consent": {"marketing": false, "profiling": false}, "recencyDays": 200, "frequency12m": 1,
             "monetary12m": 50, "clv": 100, "pAlive": 0.5, "maxDaysPastDue": 0, "missedPayments12m": 0,
             "chargebacks12m": 0, "complaints90d": 0, "fraudFlag": false}}
            """;

    @Inject
    DecisionRepository repository;

    @Test
    void publishActivateRollBack() throws Exception {
        String set = "cv-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> v1 = Fixtures.copyOfShipped(set);
        as("analyst").contentType(ContentType.JSON).body(publication(v1, "first copy"))
                .post("/api/v1/decision-sets/" + set + "/versions")
                .then().statusCode(201).body("version", equalTo(1)).body("status", equalTo("VALIDATED"));

        as("analyst").post("/api/v1/decision-sets/" + set + "/versions/1/activate")
                .then().statusCode(403).contentType(PROBLEM);
        as("approver").post("/api/v1/decision-sets/" + set + "/versions/1/activate")
                .then().statusCode(200).body("activeVersion", equalTo(1)).body("versions[0].status", equalTo("ACTIVE"));
        evaluate(set).body("version", equalTo(1)).body("valueTier", equalTo("BRONZE"))
                .body("explanation.decisions[0].matchedRules", hasItem("vt-r22"));

        Map<String, String> v2 = new LinkedHashMap<>(v1);
        v2.put("value-tier.dmn", v1.get("value-tier.dmn").replaceFirst(
                "(?s)(<rule id=\"vt-r22\".*?<outputEntry[^>]*>\\s*<text>)\"BRONZE\"", "$1\"SILVER\""));
        as("analyst").contentType(ContentType.JSON).body(publication(v2, "catch-all becomes SILVER"))
                .post("/api/v1/decision-sets/" + set + "/versions")
                .then().statusCode(201).body("version", equalTo(2));
        as("analyst").contentType(ContentType.JSON).body(CATCH_ALL_CUSTOMER)
                .post("/api/v1/decision-sets/" + set + "/versions/2/evaluate")
                .then().statusCode(200).body("version", equalTo(2)).body("valueTier", equalTo("SILVER"));
        evaluate(set).body("version", equalTo(1)).body("valueTier", equalTo("BRONZE"));
        as("approver").post("/api/v1/decision-sets/" + set + "/versions/2/activate")
                .then().statusCode(200).body("activeVersion", equalTo(2));
        evaluate(set).body("version", equalTo(2)).body("valueTier", equalTo("SILVER"));

        as("approver").post("/api/v1/decision-sets/" + set + "/rollback")
                .then().statusCode(200).body("activeVersion", equalTo(1))
                .body("versions[1].status", equalTo("RETIRED"));
        evaluate(set).body("version", equalTo(1)).body("valueTier", equalTo("BRONZE"));
        as("approver").post("/api/v1/decision-sets/" + set + "/rollback").then().statusCode(409).contentType(PROBLEM);

        as("analyst").get("/api/v1/decision-sets/" + set + "/versions/2/files/value-tier.dmn")
                .then().statusCode(200).body(containsString("SILVER"));
        as("analyst").get("/api/v1/audit?decisionSet=" + set)
                .then().statusCode(200)
                .body("action", equalTo(List.of("PUBLISH", "ACTIVATE", "PUBLISH", "ACTIVATE", "ROLLBACK")))
                .body("actor", hasItems("analyst", "approver"));
    }

    @Test
    void rejectedBundleIsRecordedWithItsReportAndCannotBeActivated() throws Exception {
        String set = "cv-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> files = Fixtures.copyOfShipped(set);
        files.put("retention-actions.drl", files.get("retention-actions.drl")
                + "\nrule \"X\"\nwhen\n    Customer()\nthen\n    System.exit(1);\nend\n");
        as("analyst").contentType(ContentType.JSON).body(publication(files, "hostile"))
                .post("/api/v1/decision-sets/" + set + "/versions")
                .then().statusCode(422).body("status", equalTo("REJECTED"))
                .body("report.file", hasItem("retention-actions.drl"))
                .body("report.text", hasItem(containsString("'System'")));
        as("analyst").get("/api/v1/decision-sets/" + set + "/versions/1")
                .then().statusCode(200).body("status", equalTo("REJECTED"));
        as("approver").post("/api/v1/decision-sets/" + set + "/versions/1/activate")
                .then().statusCode(409).contentType(PROBLEM);
        as("analyst").get("/api/v1/audit?decisionSet=" + set).then().body("action", equalTo(List.of("REJECT")));
    }

    @Test
    void rejectedPublicationKeepsItsReportSizesAndDigestsButNotItsContent() throws Exception {
        String set = "cv-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> files = Fixtures.copyOfShipped(set);
        String drl = files.get("retention-actions.drl")
                + "\nrule \"X\"\nwhen\n    Customer()\nthen\n    System.exit(1);\nend\n";
        files.put("retention-actions.drl", drl);
        as("analyst").contentType(ContentType.JSON).body(publication(files, "hostile"))
                .post("/api/v1/decision-sets/" + set + "/versions")
                .then().statusCode(422).body("report.text", hasItem(containsString("'System'")));

        byte[] utf8 = drl.getBytes(StandardCharsets.UTF_8);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8));
        as("analyst").get("/api/v1/decision-sets/" + set + "/versions/1")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("contentKept", equalTo(false))
                .body("files", equalTo(files.keySet().stream().sorted().toList()))
                .body("fileInfo.name", equalTo(files.keySet().stream().sorted().toList()))
                .body("fileInfo.find { it.name == 'retention-actions.drl' }.bytes", equalTo(utf8.length))
                .body("fileInfo.find { it.name == 'retention-actions.drl' }.sha256", equalTo(sha256))
                .body("report.text", hasItem(containsString("'System'")));

        for (String content : List.of("files/retention-actions.drl", "table-diff?against=1")) {
            as("analyst").get("/api/v1/decision-sets/" + set + "/versions/1/" + content)
                    .then().statusCode(409).contentType(PROBLEM)
                    .body("detail", containsString("the content of rejected publications is not kept"));
        }
        as("analyst").post("/api/v1/decision-sets/" + set + "/versions/1/scenario-runs")
                .then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("the content of rejected publications is not kept"));
        as("analyst").get("/api/v1/decision-sets/customer-value/versions/1")
                .then().statusCode(200).body("contentKept", equalTo(true))
                .body("fileInfo.sha256", everyItem(matchesPattern("[0-9a-f]{64}")));
    }

    @Test
    void oversizeMultipartBundlesAreRefusedBeforeAnythingIsStored() {
        String set = "cv-" + UUID.randomUUID().toString().substring(0, 8);
        as("analyst").contentType(ContentType.JSON).body("{\"files\": {\"a.dmn\": \"<x/>\"}}")
                .post("/api/v1/decision-sets/" + set + "/versions").then().statusCode(422);

        RequestSpecification manyParts = as("analyst");
        for (int i = 0; i <= BundleLimits.MAX_FILES; i++) {
            manyParts = manyParts.multiPart("f" + i + ".drl", "f" + i + ".drl", new byte[] {'x'}, "text/plain");
        }
        manyParts.post("/api/v1/decision-sets/" + set + "/versions")
                .then().statusCode(413).contentType(PROBLEM)
                .body("detail", equalTo("the bundle has 65 file parts; at most 64 are accepted"));

        byte[] large = new byte[BundleLimits.MAX_FILE_BYTES - 1];
        Arrays.fill(large, (byte) 'x');
        RequestSpecification largeTotal = as("analyst").multiPart("comment", "over 8 MiB in all");
        for (int i = 0; i < 5; i++) {
            largeTotal = largeTotal.multiPart("f" + i + ".drl", "f" + i + ".drl", large, "text/plain");
        }
        largeTotal.post("/api/v1/decision-sets/" + set + "/versions")
                .then().statusCode(413).contentType(PROBLEM)
                .body("detail", equalTo("the bundle's files have " + 5L * large.length + " bytes in all; at most "
                        + BundleLimits.MAX_TOTAL_BYTES + " are accepted"));

        as("analyst").multiPart("big.drl", "big.drl", new byte[BundleLimits.MAX_FILE_BYTES + 1], "text/plain")
                .post("/api/v1/decision-sets/" + set + "/versions")
                .then().statusCode(413).contentType(PROBLEM).body("detail", containsString("big.drl has"));

        Map<String, String> tooMany = new LinkedHashMap<>();
        for (int i = 0; i <= BundleLimits.MAX_FILES; i++) {
            tooMany.put("f" + i + ".drl", "x");
        }
        as("analyst").contentType(ContentType.JSON).body(Map.of("files", tooMany))
                .post("/api/v1/decision-sets/" + set + "/versions")
                .then().statusCode(413).contentType(PROBLEM)
                .body("detail", equalTo("the bundle has 65 files; at most 64 are accepted"));

        as("analyst").get("/api/v1/decision-sets/" + set)
                .then().statusCode(200).body("versions.version", equalTo(List.of(1)));
    }

    @Test
    void publishAsMultipartFormData() {
        String set = "cv-" + UUID.randomUUID().toString().substring(0, 8);
        io.restassured.specification.RequestSpecification request = as("analyst").multiPart("comment", "uploaded as files");
        for (Map.Entry<String, String> file : Fixtures.copyOfShipped(set).entrySet()) {
            request = request.multiPart(file.getKey(), file.getKey(),
                    file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/octet-stream");
        }
        request.post("/api/v1/decision-sets/" + set + "/versions")
                .then().statusCode(201).body("version", equalTo(1)).body("status", equalTo("VALIDATED"));
        as("analyst").get("/api/v1/decision-sets/" + set)
                .then().statusCode(200).body("versions[0].comment", equalTo("uploaded as files"))
                .body("versions[0].author", equalTo("analyst"));
    }

    @Test
    void badPublicationsAreClearErrors() {
        as("analyst").contentType(ContentType.JSON).body("{\"comment\": \"no files\"}")
                .post("/api/v1/decision-sets/x1/versions").then().statusCode(400).contentType(PROBLEM);
        as("analyst").contentType(ContentType.JSON).body("{\"files\": {\"a.dmn\": 42}}")
                .post("/api/v1/decision-sets/x1/versions").then().statusCode(400)
                .body("errors[0].pointer", equalTo("/files/a.dmn"));
        as("analyst").contentType(ContentType.JSON).body("{\"files\": {\"a.dmn\": \"<x/>\"}}")
                .post("/api/v1/decision-sets/Bad Name!/versions").then().statusCode(400).contentType(PROBLEM);
        as("analyst").contentType(ContentType.JSON)
                .body(Map.of("files", Map.of("a.dmn", "<x/>"), "comment", "c".repeat(1001)))
                .post("/api/v1/decision-sets/x1/versions").then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("the comment has 1001 characters; at most 1000 are accepted"));
        as("channel").contentType(ContentType.JSON).body("{\"files\": {\"a.dmn\": \"<x/>\"}}")
                .post("/api/v1/decision-sets/x1/versions").then().statusCode(403);
        as("analyst").get("/api/v1/decision-sets/no-such-set").then().statusCode(404).contentType(PROBLEM);
        as("analyst").get("/api/v1/decision-sets/customer-value/versions/999").then().statusCode(404);
    }

    @Test
    void authorsCannotActivateTheirOwnVersionUnlessAdmin() {
        String set = "cv-" + UUID.randomUUID().toString().substring(0, 8);
        DecisionRepository.Publication published = repository.publish(set, Fixtures.copyOfShipped(set), "", "jane");
        RepositoryException refused = assertThrows(RepositoryException.class,
                () -> repository.activate(set, published.version(), "jane", false));
        assertEquals(RepositoryException.Kind.FORBIDDEN, refused.kind());
        assertEquals(published.version(), repository.activate(set, published.version(), "jane", true).activeVersion());
    }

    @Test
    void concurrentPublicationsGetDistinctVersions() throws Exception {
        String set = "cv-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> files = Fixtures.copyOfShipped(set);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<DecisionRepository.Publication>> running = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String author = "author-" + i;
            running.add(pool.submit(() -> repository.publish(set, files, "", author)));
        }
        Set<Long> versions = new HashSet<>();
        for (Future<DecisionRepository.Publication> f : running) {
            versions.add(f.get().version());
        }
        pool.shutdown();
        assertEquals(Set.of(1L, 2L, 3L, 4L), versions);
        assertEquals(4, repository.summary(set).versions().size());
    }

    @Test
    void anyDmnModelEvaluatesWithTypedInputsAndOutputs() throws Exception {
        String set = "typed-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(set + ".yaml", "models: [typed.dmn]\n");
        files.put("typed.dmn", TYPED_MODEL);
        as("admin").contentType(ContentType.JSON).body(publication(files, "typed"))
                .post("/api/v1/decision-sets/" + set + "/versions").then().statusCode(201);
        as("admin").post("/api/v1/decision-sets/" + set + "/versions/1/activate").then().statusCode(200);
        String context = """
                {"context": {"start": "2026-02-27", "stay": "P2DT12H", "amount": 0.1000000000000000000000000001,
                             "tags": ["a", "b"], "divisor": 0}}
                """;
        as("channel").contentType(ContentType.JSON).body(context).post("/api/v1/decisions/" + set + "/evaluate")
                .then().statusCode(200)
                .body("version", equalTo(1))
                .body("outputs.end", equalTo("2026-03-01"))
                .body("outputs.stayAgain", equalTo("P2DT12H"))
                .body("outputs.tagCount", equalTo(2))
                .body("decisionResults.find { it.decision == 'ratio' }.status", equalTo("FAILED"))
                .body("decisionResults.find { it.decision == 'nothing' }.status", equalTo("SUCCEEDED"));
        String exact = as("channel").contentType(ContentType.JSON).body(context)
                .post("/api/v1/decisions/" + set + "/evaluate").then().extract().asString();
        assertEquals(true, exact.contains("\"doubled\":0.2000000000000000000000000002"), exact);
        as("channel").contentType(ContentType.JSON).body("{\"context\": {\"start\": \"27/02/2026\"}}")
                .post("/api/v1/decisions/" + set + "/evaluate")
                .then().statusCode(400).body("errors[0].pointer", equalTo("/context/start"));
    }

    private static final String TYPED_MODEL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20230324/MODEL/" id="typed" name="typed"
                         namespace="https://arbiter.io/test/typed">
              <inputData id="i1" name="start"><variable id="v1" name="start" typeRef="date"/></inputData>
              <inputData id="i2" name="stay"><variable id="v2" name="stay" typeRef="days and time duration"/></inputData>
              <inputData id="i3" name="amount"><variable id="v3" name="amount" typeRef="number"/></inputData>
              <inputData id="i4" name="tags"><variable id="v4" name="tags" typeRef="Any"/></inputData>
              <inputData id="i5" name="divisor"><variable id="v5" name="divisor" typeRef="number"/></inputData>
              <decision id="d1" name="end"><variable id="dv1" name="end" typeRef="date"/>
                <informationRequirement id="r1"><requiredInput href="#i1"/></informationRequirement>
                <literalExpression id="e1"><text>start + duration("P2D")</text></literalExpression></decision>
              <decision id="d2" name="stayAgain"><variable id="dv2" name="stayAgain" typeRef="days and time duration"/>
                <informationRequirement id="r2"><requiredInput href="#i2"/></informationRequirement>
                <literalExpression id="e2"><text>stay</text></literalExpression></decision>
              <decision id="d3" name="doubled"><variable id="dv3" name="doubled" typeRef="number"/>
                <informationRequirement id="r3"><requiredInput href="#i3"/></informationRequirement>
                <literalExpression id="e3"><text>amount * 2</text></literalExpression></decision>
              <decision id="d4" name="tagCount"><variable id="dv4" name="tagCount" typeRef="number"/>
                <informationRequirement id="r4"><requiredInput href="#i4"/></informationRequirement>
                <literalExpression id="e4"><text>count(tags)</text></literalExpression></decision>
              <decision id="d5" name="ratio"><variable id="dv5" name="ratio" typeRef="number"/>
                <informationRequirement id="r5"><requiredInput href="#i5"/></informationRequirement>
                <literalExpression id="e5"><text>10 / divisor</text></literalExpression></decision>
              <decision id="d6" name="nothing"><variable id="dv6" name="nothing" typeRef="number"/>
                <literalExpression id="e6"><text>null</text></literalExpression></decision>
            </definitions>
            """;

    private static io.restassured.response.ValidatableResponse evaluate(String set) {
        return as("channel").contentType(ContentType.JSON).body(CATCH_ALL_CUSTOMER)
                .post("/api/v1/decisions/" + set + "/evaluate").then().statusCode(200);
    }

    private static String publication(Map<String, String> files, String comment) throws Exception {
        return JSON.writeValueAsString(Map.of("files", files, "comment", comment));
    }
}
