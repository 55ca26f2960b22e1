package io.arbiter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Drives every operation of the service's own OpenAPI document with generated path values, query values, bodies,
 * media types and users, against the packaged service, and holds every answer to what the API promises: no 5xx, no
 * answer slower than 2 s, every error a problem document, and a refused write changes nothing stored (the seeded
 * customer's facts, the decision sets, the audit chain, and whether the customer the request named exists). The planned stop
 * of the cluster is left out: on one node it stops the service, as documented. A refused publication (422) is
 * exempt from the last rule: it is stored as REJECTED with its report, by design.
 * <p>
 * The requests come from a seeded random source: each run prints its seed, a failure names the seed and the try and
 * shows the request, and {@code -Dfuzz.seed=...} replays a run. A case it finds is to be kept in this class as a test
 * calling {@link #check}, so that it runs on every build (below). Its first runs also found a fault of its own
 * (background work changing the facts it compared), now excluded from the comparison.
 */
class FuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEEDED = "fuzz-c1";
    private static final long MAX_MILLIS = 2_000;
    private static final int TRIES = 1_500;
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Pattern PRE_ENCODED = Pattern.compile("(%[0-9A-Fa-f]{2}|[A-Za-z0-9._~-])+");
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final String FACTS = """
            {"customerId": "%s", "segment": "RETAIL", "country": "DE", "joinedOn": "2019-03-01",
             "consent": {"marketing": true, "profiling": true}, "recencyDays": 12, "frequency12m": 14,
             "monetary12m": 1830.50, "clv": 5200.00, "pAlive": 0.87, "maxDaysPastDue": 0, "missedPayments12m": 0,
             "chargebacks12m": 0, "complaints90d": 0, "fraudFlag": false}""";

    /** One operation of the OpenAPI document. */
    record Operation(String method, String path, List<String> queryParameters, List<String> mediaTypes) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One generated request. */
    record Call(Operation operation, String pathValue, String queryValue, String body, String mediaType, String user) {
    }

    private static ServiceProcess service;
    private static List<Operation> operations;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "fuzz-it"));
        Path dataDir = Files.createTempDirectory(dir, "data");
        // every request carries known credentials; throttling would only turn later answers into 429s
        service = ServiceProcess.launch(dataDir, dir.resolve("service-" + dataDir.getFileName() + ".log"), "512m",
                ServiceProcess.Ports.free(), Map.of("ARBITER_SECURITY_LOGIN_MAX_FAILURES_PER_CLIENT", "1000000",
                        "ARBITER_SECURITY_LOGIN_MAX_FAILURES_PER_USER", "1000000"));
        service.awaitReady(java.time.Duration.ofSeconds(90));
        assertEquals(201, service.put("/api/v1/customers/" + SEEDED, FACTS.formatted(SEEDED), "channel").statusCode());
        operations = operations(JSON.readTree(service.management("/q/openapi?format=json").body()));
        assertTrue(operations.size() >= 30, "the OpenAPI document lists the API: " + operations);
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyAnswerKeepsThePromisesOfTheApi() throws Exception {
        long seed = Long.getLong("fuzz.seed", new SplittableRandom().nextLong());
        // printed first, so that a failure in CI can be replayed here with -Dfuzz.seed=...
        System.out.println("FuzzIT: seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        Generator generate = new Generator(new SplittableRandom(seed));
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            Call call = generate.call();
            try {
                check(call);
            } catch (AssertionError failure) {
                throw new AssertionError("try " + attempt + " of seed " + seed + ": " + failure.getMessage(), failure);
            }
        }
    }

    // ---- cases it found, kept ----------------------------------------------------------------------------------

    /** Seed 7857565339317988107, try 644: the 403's mapper decoded the path a second time and answered 500. */
    @Test
    void aPathWhoseDecodedFormHoldsAPercent() throws Exception {
        check(new Call(find("GET", "/api/v1/models/clv/fits/{id}"), "%E0%A1%BF%E7%8B%81%3D%3C%25%3AWH", "", "{",
                "*/*", "channel"));
    }

    // ---- the checks -------------------------------------------------------------------------------------------

    private static void check(Call call) throws Exception {
        Operation operation = call.operation();
        String path = fill(operation.path(), call.pathValue());
        String query = operation.queryParameters().isEmpty() || call.queryValue().isEmpty() ? ""
                : "?" + operation.queryParameters().get(0) + "=" + encode(call.queryValue());
        Map<String, String> headers = new LinkedHashMap<>();
        if (call.user() != null) {
            headers.put("Authorization", ServiceProcess.basicAuthorization(call.user()));
        }
        if (call.mediaType() != null && call.body() != null) {
            headers.put("Content-Type", call.mediaType());
        }
        boolean write = WRITES.contains(operation.method());
        Optional<String> named = customerNamed(operation.path(), call.pathValue());
        List<String> before = write ? state(named) : List.of();
        long started = System.nanoTime();
        HttpResponse<String> answer = service.request(operation.method(), path + query, headers,
                call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8));
        long millis = (System.nanoTime() - started) / 1_000_000;
        String what = operation.method() + " " + path + query + " as " + call.user() + " with " + call.mediaType()
                + " " + abbreviate(call.body()) + " -> " + answer.statusCode() + " " + abbreviate(answer.body());
        assertTrue(answer.statusCode() < 500, "a server error: " + what);
        assertTrue(millis <= MAX_MILLIS, "answered after " + millis + " ms: " + what);
        if (answer.statusCode() >= 400) {
            assertEquals(Optional.of("application/problem+json"),
                    answer.headers().firstValue("Content-Type").map(t -> t.split(";")[0].trim()), "not a problem: " + what);
            boolean rejectedPublication = answer.statusCode() == 422 && operation.path().endsWith("/versions");
            if (write && !rejectedPublication) {
                assertEquals(before, state(named), "a refused request changed what is stored: " + what);
            }
        }
    }

    /**
     * What a refused write must leave as it was: the seeded customer's facts as sent (not what background work
     * derives from them: an accepted analytics refresh or batch job earlier in the run rewrites the derived fields,
     * the facts' version and the stored decisions while later requests run), the decision sets, the audit chain's
     * length, and whether the customer the request named exists.
     */
    private static List<String> state(Optional<String> named) throws Exception {
        List<String> state = new ArrayList<>();
        JsonNode facts = JSON.readTree(service.get("/api/v1/customers/" + SEEDED, "admin").body());
        if (facts instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove(List.of("version", "updatedAt", "fromEvents", "rfm", "expectedPurchases", "clv", "pAlive",
                    "recencyDays", "frequency12m", "monetary12m", "complaints90d", "missedPayments12m"));
        }
        state.add(facts.toString());
        state.add(service.get("/api/v1/decision-sets", "admin").body());
        state.add(Integer.toString(JSON.readTree(service.get("/api/v1/audit", "admin").body()).size()));
        if (named.isPresent()) {
            state.add(named.get() + " " + service.get("/api/v1/customers/" + encode(named.get()), "admin").statusCode());
        }
        return state;
    }

    // ---- generation -------------------------------------------------------------------------------------------

    /** Requests drawn from a seeded random source: the same seed gives the same requests. */
    private static final class Generator {

        private static final List<String> PATH_VALUES = List.of(SEEDED, "customer-value", "rfm-segments", "1", "2",
                "0", "-1", "99999999999999999999", "a;b=c", "..", "%00", "a%2Fb", " ", "nobody");
        private static final List<String> QUERY_VALUES = List.of("", "0", "-5", "1", "100000", "abc", "1e99",
                "9223372036854775808", SEEDED, "customer-value");
        private static final List<String> USERS = List.of("admin", "channel", "analyst", "approver", "privacy");
        private static final List<String> MEDIA_TYPES = List.of("application/json", "application/x-ndjson",
                "text/plain", "multipart/form-data; boundary=fz", "application/json; charset=latin1", "*/*");
        private static final List<String> NAMES = List.of("customerId", "decisionSet", "version", "mode", "facts",
                "filter", "files", "comment", "eventId", "type", "occurredAt", "amount", "currency", "attributes",
                "consent", "segment", "country", "joinedOn", "compareTo", "percent", "fitId", "referenceDate", "x");
        private static final List<Object> WORDS = List.of(true, false, "1e400", "2026-02-30", "-999999999-01-01",
                "customer-value", "APPLY", "DRY_RUN", "PURCHASE", "EUR");
        private static final List<String> FIXED_BODIES = List.of("", "{", "[]", "null",
                "{\"facts\": " + FACTS.formatted(SEEDED) + "}", "{\"customerId\": \"" + SEEDED + "\"}", "{}{}{}",
                "[".repeat(3000));

        private final SplittableRandom random;
        private final List<Operation> candidates = operations.stream()
                .filter(o -> !o.path().equals("/api/v1/cluster/shutdown")).toList();

        Generator(SplittableRandom random) {
            this.random = random;
        }

        Call call() {
            return new Call(pick(candidates), pathValue(), queryValue(), body(), orNull(pick(MEDIA_TYPES)),
                    orNull(pick(USERS)));
        }

        private String pathValue() {
            return switch (random.nextInt(3)) {
                case 0 -> pick(PATH_VALUES);
                case 1 -> text(1, 70, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:");
                default -> anyText(1, 20);
            };
        }

        private String queryValue() {
            return random.nextBoolean() ? pick(QUERY_VALUES) : anyText(0, 12);
        }

        private String body() {
            return orNull(switch (random.nextInt(6)) {
                case 0 -> object();
                case 1 -> mutatedFacts();
                case 2 -> object() + " {\"trailing\": true}";
                case 3 -> object() + "\n" + object();
                case 4 -> anyText(0, 40);
                default -> pick(FIXED_BODIES);
            });
        }

        private String object() {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = random.nextInt(7); i > 0; i--) {
                object.put(pick(NAMES), scalar());
            }
            return write(object);
        }

        private String mutatedFacts() {
            try {
                com.fasterxml.jackson.databind.node.ObjectNode facts =
                        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(FACTS.formatted(SEEDED));
                facts.set(pick(NAMES), JSON.valueToTree(scalar()));
                return facts.toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private Object scalar() {
            return switch (random.nextInt(4)) {
                case 0 -> random.nextInt(-3, 1_000_000);
                case 1 -> anyText(0, 30);
                case 2 -> pick(WORDS);
                default -> null;
            };
        }

        /** Any code points: letters of every script, controls, surrogate pairs, the replacement character. */
        private String anyText(int min, int max) {
            StringBuilder text = new StringBuilder();
            for (int i = min + random.nextInt(max - min + 1); i > 0; i--) {
                int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x20, 0x7f) : random.nextInt(0, 0x10000);
                if (!Character.isSurrogate((char) codePoint)) {
                    text.appendCodePoint(codePoint);
                }
            }
            return text.toString();
        }

        private String text(int min, int max, String alphabet) {
            StringBuilder text = new StringBuilder();
            for (int i = min + random.nextInt(max - min + 1); i > 0; i--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }

        /** One value in ten left out (no body, no media type, no credentials). */
        private <T> T orNull(T value) {
            return random.nextInt(10) == 0 ? null : value;
        }
    }

    // ---- the OpenAPI document ---------------------------------------------------------------------------------

    private static List<Operation> operations(JsonNode openapi) {
        List<Operation> found = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!Set.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                    continue;
                }
                List<String> query = new ArrayList<>();
                method.getValue().path("parameters").forEach(p -> {
                    if ("query".equals(p.path("in").asText())) {
                        query.add(p.path("name").asText());
                    }
                });
                List<String> media = new ArrayList<>();
                method.getValue().path("requestBody").path("content").fieldNames().forEachRemaining(media::add);
                found.add(new Operation(method.getKey().toUpperCase(), path.getKey(), query, media));
            }
        }
        return found;
    }

    private static Operation find(String method, String path) {
        return operations.stream().filter(o -> o.method().equals(method) && o.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no operation " + method + " " + path + " in " + operations));
    }

    private static String fill(String template, String value) {
        Matcher parameter = PATH_PARAMETER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String name = parameter.group(1);
            // a value already percent-encoded (a%2Fb, %00) is sent as it is: that is the case it is there for
            String encoded = value.contains("%") && PRE_ENCODED.matcher(value).matches() ? value : encode(value);
            parameter.appendReplacement(path, Matcher.quoteReplacement(name.equals("version") && value.equals(SEEDED)
                    ? "1" : encoded));
        }
        parameter.appendTail(path);
        return path.toString();
    }

    private static Optional<String> customerNamed(String template, String value) {
        return template.contains("{customerId}") && value.matches("[A-Za-z0-9._-]{1,64}") ? Optional.of(value)
                : Optional.empty();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "(none)" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
