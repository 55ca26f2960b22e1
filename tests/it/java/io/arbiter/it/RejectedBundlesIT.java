package io.arbiter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Publications rejected for size do not fill the heap, and a restart with them all stored becomes ready. Each
 * bundle (8.3 MiB) is just over the 8 MiB bundle limit and under the 12 MiB JSON body limit, so it is validated and
 * stored as REJECTED: 40 of them, 332 MiB of text, on a 192 MiB heap. When versions kept their text, the seventh
 * to ninth publication already failed with a 500 (Java heap space).
 */
class RejectedBundlesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SET = "oversize-set";
    private static final String HEAP = "192m";
    private static final int PUBLICATIONS = 40;
    private static final int FILES = 5;
    /** Under the 2 MiB file limit; five of them are over the 8 MiB bundle limit. */
    private static final int FILE_BYTES = 1700 * 1024;

    @Test
    void rejectedBundlesKeepTheirReportNotTheirContent() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "crash-it"));
        Path dataDir = Files.createTempDirectory(dir, "rejected");
        Path log = dir.resolve("rejected-" + dataDir.getFileName() + ".log");
        String publication = JSON.writeValueAsString(Map.of("files", oversizeFiles(), "comment", "too large"));

        try (ServiceProcess service = ServiceProcess.start(dataDir, log, HEAP)) {
            for (int i = 1; i <= PUBLICATIONS; i++) {
                HttpResponse<String> published = service.post("/api/v1/decision-sets/" + SET + "/versions",
                        publication, "analyst");
                assertEquals(422, published.statusCode(), "publication " + i + ": " + published.body());
                assertTrue(published.body().contains("at most 8388608 are accepted"), published.body());
            }
            assertAllListed(service);
        }
        try (ServiceProcess restarted = ServiceProcess.start(dataDir, log, HEAP)) {
            assertAllListed(restarted);
            JsonNode detail = JSON.readTree(restarted.get("/api/v1/decision-sets/" + SET + "/versions/" + PUBLICATIONS,
                    "analyst").body());
            assertEquals(FILE_BYTES, detail.get("fileInfo").get(0).get("bytes").asLong(), detail.toString());
            assertFalse(detail.get("contentKept").asBoolean(), detail.toString());
        }
        long stored = dataBytes(dataDir.resolve("decision-versions"))
                + dataBytes(dataDir.resolve("decision-version-files"));
        assertTrue(stored < FILE_BYTES, "no rejected bundle's text is stored, yet the versions' RocksDB tables and logs"
                + " hold " + stored + " bytes");
    }

    private static void assertAllListed(ServiceProcess service) throws IOException, InterruptedException {
        HttpResponse<String> listed = service.get("/api/v1/decision-sets", "analyst");
        assertEquals(200, listed.statusCode(), listed.body());
        JsonNode set = null;
        for (JsonNode each : JSON.readTree(listed.body())) {
            if (each.get("name").asText().equals(SET)) {
                set = each;
            }
        }
        assertNotNull(set, "the set is listed: " + listed.body());
        assertEquals(PUBLICATIONS, set.get("versions").size(), set.toString());
        set.get("versions").forEach(v -> assertEquals("REJECTED", v.get("status").asText(), v.toString()));
    }

    /** Files under the per-file limit whose total is over the bundle limit; nothing else is wrong with them. */
    private static Map<String, String> oversizeFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        for (int f = 1; f <= FILES; f++) {
            StringBuilder text = new StringBuilder(FILE_BYTES);
            for (int line = 0; text.length() < FILE_BYTES; line++) {
                text.append("// padding ").append(f).append('.').append(line).append('\n');
            }
            text.setLength(FILE_BYTES);
            files.put("padding-" + f + ".drl", text.toString());
        }
        return files;
    }

    /** The bytes of a store's tables and write-ahead logs: what it holds, without RocksDB's options and info logs. */
    private static long dataBytes(Path store) throws IOException {
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(file -> file.toString().endsWith(".sst") || file.toString().endsWith(".log"))
                    .mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
