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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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

    /** Sends the bytes as they are and reads the answer until the server closes or 2 s pass without a byte. */
    private static Answer raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int read; (read = in.read(buffer)) > 0; ) {
                    received.write(buffer, 0, read);
                }
            } catch (java.net.SocketTimeoutException | java.net.SocketException quiet) {
                // the answer so far is all there is
            }
            String text = received.toString(StandardCharsets.UTF_8);
            int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, text);
        }
    }
}
