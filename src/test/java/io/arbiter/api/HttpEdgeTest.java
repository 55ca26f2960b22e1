package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static io.arbiter.api.Fixtures.facts;
import static io.arbiter.api.Fixtures.id;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Requests the HTTP stack refuses before any resource runs, and failures no resource expects: each is answered as
 * problem+json, where Vert.x or Quarkus answered an empty body or a generic page. Raw sockets where a client library
 * would not send the request as it is (a declared length with no body, an unknown transfer coding).
 */
@QuarkusTest
class HttpEdgeTest {

    private static final String PROBLEM = "application/problem+json";

    /** A resource of the test only: an error of the JVM in the middle of a request. */
    @Path("/api/v1/test-only/out-of-memory")
    public static class FailingResource {
        @GET
        public String fail() {
            throw new OutOfMemoryError("Java heap space (thrown by the test)");
        }
    }

    @Test
    void aRequestTargetPastTheLimitIsA414Problem() throws IOException {
        Answer answer = raw("GET /api/v1/customers/" + "a".repeat(FramingGuard.MAX_URI_LENGTH) + " HTTP/1.1\r\n"
                + "Host: localhost\r\n" + auth("channel") + "\r\n");
        assertEquals(414, answer.status(), answer.text());
        assertTrue(answer.isProblem("uri-too-long"), answer.text());
    }

    @Test
    void headersPastTheLimitAreA431Problem() throws IOException {
        Answer answer = raw("GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\n" + auth("channel")
                + "X-Padding: " + "p".repeat(FramingGuard.MAX_HEADER_BYTES) + "\r\n\r\n");
        assertEquals(431, answer.status(), answer.text());
        assertTrue(answer.isProblem("headers-too-large"), answer.text());
    }

    @Test
    void aDeclaredBodyPastTheLimitIsA413ProblemBeforeAnyByteIsRead() throws IOException {
        Answer answer = raw("POST /api/v1/customers:import HTTP/1.1\r\nHost: localhost\r\n" + auth("channel")
                + "Content-Type: application/x-ndjson\r\nContent-Length: 99999999999999\r\n\r\n{\"customerId\"");
        assertEquals(413, answer.status(), answer.text());
        assertTrue(answer.isProblem("body-too-large"), answer.text());
    }

    @Test
    void anUnknownTransferCodingIsRefusedAndNothingIsStored() throws IOException {
        String customer = id("xchunked");
        String body = facts(customer);
        Answer answer = raw("PUT /api/v1/customers/" + customer + " HTTP/1.1\r\nHost: localhost\r\n" + auth("channel")
                + "Content-Type: application/json\r\nTransfer-Encoding: xchunked\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.isProblem("unsupported-transfer-coding"), answer.text());
        assertTrue(answer.text().toLowerCase().contains("connection: close"), "the framing cannot be trusted: " + answer.text());
        as("channel").get("/api/v1/customers/" + customer).then().statusCode(404);
    }

    @Test
    void aTricklingImportIsCutWithA408AndTheNextRequestIsServed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/events:import HTTP/1.1\r\nHost: localhost\r\n" + auth("channel")
                    + "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            String answer = "";
            for (int i = 0; i < 12 && answer.isEmpty(); i++) {
                try {
                    out.write("1\r\n{\r\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (java.net.SocketException cut) {
                    break;
                }
                answer = availableText(socket, 1_000);
            }
            // the rest of the answer, up to the close: its first read may have held the headers alone
            answer += untilClosed(socket, answer.isEmpty() ? 10_000 : 2_000);
            assertTrue(answer.startsWith("HTTP/1.1 408"), "a body at 1 byte a second is cut: " + answer);
            assertTrue(answer.contains("urn:arbiter:problem:request-timeout"), answer);
        }
        as("channel").get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void importsOverTheBoundAreRefusedBeforeTheirBodyIsRead() throws Exception {
        List<Socket> held = new ArrayList<>();
        // the four imports keep the pace (blank lines, which an import skips) until the test is done with them
        java.util.concurrent.ScheduledExecutorService feeder = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < 4; i++) {
                Socket socket = new Socket("127.0.0.1", RestAssured.port);
                socket.getOutputStream().write(("POST /api/v1/customers:import HTTP/1.1\r\nHost: localhost\r\n"
                        + auth("channel") + "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                held.add(socket);
            }
            byte[] blankLines = ("800\r\n" + "\n".repeat(0x800) + "\r\n").getBytes(StandardCharsets.UTF_8);
            feeder.scheduleAtFixedRate(() -> held.forEach(socket -> {
                try {
                    socket.getOutputStream().write(blankLines);
                } catch (IOException closed) {
                    // the test has closed it
                }
            }), 0, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + 20_000_000_000L;
            io.restassured.response.Response refused;
            do {
                refused = as("channel").contentType(CustomerEndpoints.NDJSON).body("{}".getBytes(StandardCharsets.UTF_8))
                        .urlEncodingEnabled(false).post("/api/v1/customers:import");
            } while (refused.statusCode() != 503 && System.nanoTime() < deadline);
            refused.then().statusCode(503).contentType(PROBLEM).header("Retry-After", "5")
                    .body("type", equalTo("urn:arbiter:problem:imports-busy"));
        } finally {
            feeder.shutdownNow();
            feeder.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            for (Socket socket : held) {
                socket.close();
            }
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        int status;
        do {
            status = as("channel").contentType(CustomerEndpoints.NDJSON).body("{}".getBytes(StandardCharsets.UTF_8))
                    .urlEncodingEnabled(false).post("/api/v1/customers:import").then().extract().statusCode();
        } while (status == 503 && System.nanoTime() < deadline);
        assertEquals(200, status, "the slots are free again once the held imports are gone");
    }

    /** What the server sends until it closes the connection or is silent for {@code millis}. */
    private static String untilClosed(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = socket.getInputStream().read(buffer)) > 0; ) {
                received.write(buffer, 0, read);
            }
        } catch (java.net.SocketTimeoutException | java.net.SocketException quiet) {
            // all there is
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /** What the server has sent within {@code millis}, or "" if nothing. */
    private static String availableText(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        byte[] buffer = new byte[8192];
        try {
            int read = socket.getInputStream().read(buffer);
            return read > 0 ? new String(buffer, 0, read, StandardCharsets.UTF_8) : "";
        } catch (java.net.SocketTimeoutException nothingYet) {
            return "";
        }
    }

    @Test
    void aBodyThatIsNotMultipartIsA400Problem() {
        as("admin").contentType("multipart/form-data; boundary=xyz").body("{\"files\": {}}".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/decision-sets/" + id("not-multipart") + "/versions")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:arbiter:problem:malformed-multipart"));
    }

    @Test
    void moreMultipartPartsThanTheParserTakesAreA400Problem() {
        StringBuilder body = new StringBuilder();
        for (int part = 0; part < 1_100; part++) {
            body.append("--xyz\r\nContent-Disposition: form-data; name=\"f").append(part).append(".drl\"; filename=\"f")
                    .append(part).append(".drl\"\r\nContent-Type: text/plain\r\n\r\nx\r\n");
        }
        body.append("--xyz--\r\n");
        as("admin").contentType("multipart/form-data; boundary=xyz").body(body.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/decision-sets/" + id("many-parts") + "/versions")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:arbiter:problem:malformed-multipart"))
                .body("detail", containsString("1000"));
        as("analyst").get("/api/v1/decision-sets/" + id("many-parts")).then().statusCode(404);
    }

    /** Found by FuzzIT: mapping the 403 decoded the already decoded path again, failed on its %, and answered 500. */
    @Test
    void aPathWhoseDecodedFormHoldsAPercentIsAProblemNotA500() {
        as("channel").urlEncodingEnabled(false).get("/api/v1/models/clv/fits/%25%3AWH")
                .then().statusCode(403).contentType(PROBLEM).body("instance", equalTo("/api/v1/models/clv/fits/%25:WH"));
        as("admin").urlEncodingEnabled(false).get("/api/v1/models/clv/fits/%25%3AWH")
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void anErrorOfTheJvmIsA500Problem() {
        as("channel").get("/api/v1/test-only/out-of-memory")
                .then().statusCode(500).contentType(PROBLEM)
                .body("type", equalTo("urn:arbiter:problem:internal-error"))
                .body("detail", equalTo("the failure was logged"));
    }

    private record Answer(int status, String text) {
        boolean isProblem(String slug) {
            return text.toLowerCase().contains("content-type: " + PROBLEM)
                    && text.contains("\"type\":\"urn:arbiter:problem:" + slug + "\"");
        }
    }

    private static String auth(String user) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-secret")
                .getBytes(StandardCharsets.UTF_8)) + "\r\n";
    }

    /** Sends the bytes as they are and reads the answer until the server closes or 10 s pass without a byte. */
    private static Answer raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String text = untilClosed(socket, 10_000);
            int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, text);
        }
    }
}
