package io.arbiter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.engine.Challenger;

/**
 * Rollouts of the packaged service under load and through a crash. While clients decide customers without pause, a
 * canary is ramped, promoted, and a second one aborted: every answer's version, arm and outcome agree, a customer's
 * answers never go back from the challenger to the champion, and once a step has answered, every later request
 * sees it. kill -9 while a promotion is under way: after the restart the set holds either the rollout or the
 * promoted version, never a mix, and decides accordingly.
 */
class RolloutIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SET = "rollout-set";
    private static final int CUSTOMERS = 300;
    private static final int CLIENTS = 4;

    /** One answer, with when its request was sent (nanoTime), to compare with when a step answered. */
    private record Answer(String customer, long sentAt, long version, String arm, String tier) {
    }

    @Test
    void rampPromoteAndAbortUnderLoadNeverMixArmsForACustomer() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "rollout-it"));
        Path dataDir = Files.createTempDirectory(dir, "load");
        Path log = dir.resolve("load-" + dataDir.getFileName() + ".log");
        try (ServiceProcess service = ServiceProcess.start(dataDir, log)) {
            publishAndActivateFirst(service);
            // the channel's password is checked once before the load: four clients at once would otherwise queue for
            // the node's password checks on a busy machine, and be refused (429) after 2 s, as the edge intends
            json(service.post("/api/v1/decisions/" + SET + "/evaluate", catchAll("warm-up"), "channel"), 200);
            List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int offset = c;
                Thread client = new Thread(() -> {
                    int i = offset;
                    while (!stop.get()) {
                        String customer = "cust-" + (i % CUSTOMERS);
                        i += CLIENTS;
                        try {
                            long sent = System.nanoTime();
                            HttpResponse<String> response = service.post("/api/v1/decisions/" + SET + "/evaluate",
                                    catchAll(customer), "channel");
                            assertEquals(200, response.statusCode(), response.body());
                            JsonNode body = JSON.readTree(response.body());
                            answers.add(new Answer(customer, sent, body.get("version").asLong(),
                                    body.has("arm") ? body.get("arm").asText() : null, body.get("valueTier").asText()));
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                            return;
                        }
                    }
                });
                client.start();
                clients.add(client);
            }
            try {
                Thread.sleep(500);
                JsonNode started = json(service.post("/api/v1/decision-sets/" + SET + "/rollouts",
                        "{\"version\": 2, \"mode\": \"CANARY\", \"percent\": 20}", "approver"), 201);
                String rollout = started.get("id").asText();
                long startedAt = System.nanoTime();
                Thread.sleep(1_000);
                json(service.patch("/api/v1/decision-sets/" + SET + "/rollouts/current", "{\"percent\": 60}",
                        "approver"), 200);
                long rampedAt = System.nanoTime();
                Thread.sleep(1_000);
                json(service.post("/api/v1/decision-sets/" + SET + "/rollouts/current/promote", "", "approver"), 200);
                long promotedAt = System.nanoTime();
                Thread.sleep(1_000);
                // a second rollout, of the version just retired, aborted under the same load
                JsonNode second = json(service.post("/api/v1/decision-sets/" + SET + "/rollouts",
                        "{\"version\": 1, \"mode\": \"CANARY\", \"percent\": 50}", "approver"), 201);
                long secondAt = System.nanoTime();
                Thread.sleep(1_000);
                json(service.delete("/api/v1/decision-sets/" + SET + "/rollouts/current", "approver"), 200);
                long abortedAt = System.nanoTime();
                Thread.sleep(500);
                stop.set(true);
                for (Thread client : clients) {
                    client.join();
                }
                if (failure.get() != null) {
                    throw new AssertionError("a client failed; the log ends:\n" + service.logTail(), failure.get());
                }
                check(answers, rollout, second.get("id").asText(), startedAt, rampedAt, promotedAt, secondAt,
                        abortedAt);
            } finally {
                stop.set(true);
            }
        }
    }

    /**
     * The states the set passes through, in order: no rollout (version 1); the first canary at 20%, then 60%; version
     * 2 promoted; a canary of version 1 at 50%; aborted (version 2). An answer's request was sent after the steps that
     * had answered by then, so it was decided in that state or a later one; a customer's answers, sent one after the
     * other, must each fit a state no earlier than the one before. Any answer that fits no such state mixed arms.
     */
    private static void check(List<Answer> answers, String first, String second, long startedAt, long rampedAt,
                              long promotedAt, long secondAt, long abortedAt) {
        long[] answered = {Long.MIN_VALUE, startedAt, rampedAt, promotedAt, secondAt, abortedAt};
        Map<String, List<Answer>> byCustomer = new java.util.TreeMap<>();
        for (Answer a : answers) {
            byCustomer.computeIfAbsent(a.customer(), k -> new ArrayList<>()).add(a);
        }
        int challengerAnswers = 0;
        for (List<Answer> own : byCustomer.values()) {
            own.sort(java.util.Comparator.comparingLong(Answer::sentAt));
            int state = 0;
            for (Answer a : own) {
                int earliest = 0;
                while (earliest + 1 < answered.length && answered[earliest + 1] < a.sentAt()) {
                    earliest++;
                }
                int fit = Math.max(state, earliest);
                while (fit < answered.length && !fits(a, fit, first, second)) {
                    fit++;
                }
                if (fit == answered.length) {
                    throw new AssertionError("an answer fits no state from " + Math.max(state, earliest) + " on: " + a
                            + "; the customer's answers: " + own);
                }
                state = fit;
                challengerAnswers += "challenger".equals(a.arm()) && state <= 2 ? 1 : 0;
            }
        }
        assertTrue(challengerAnswers > 100, challengerAnswers + " answers by the first rollout's challenger");
    }

    /** Whether the answer is what state {@code s} decides for its customer (version 2 makes the catch-all SILVER). */
    private static boolean fits(Answer a, int s, String first, String second) {
        if (!a.tier().equals(a.version() == 2 ? "SILVER" : "BRONZE")) {
            return false;
        }
        return switch (s) {
            case 0 -> a.version() == 1 && a.arm() == null;
            case 1, 2 -> {
                boolean challenger = Challenger.bucket(first, a.customer()) < (s == 1 ? 2_000 : 6_000);
                yield a.version() == (challenger ? 2 : 1) && (challenger ? "challenger" : "champion").equals(a.arm());
            }
            case 3, 5 -> a.version() == 2 && a.arm() == null;
            case 4 -> {
                boolean challenger = Challenger.bucket(second, a.customer()) < 5_000;
                yield a.version() == (challenger ? 1 : 2) && (challenger ? "challenger" : "champion").equals(a.arm());
            }
            default -> false;
        };
    }

    @Test
    void killDuringPromoteLeavesEitherTheRolloutOrThePromotedVersion() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "rollout-it"));
        Path dataDir = Files.createTempDirectory(dir, "crash");
        Path log = dir.resolve("crash-" + dataDir.getFileName() + ".log");
        ServiceProcess service = ServiceProcess.start(dataDir, log);
        try {
            publishAndActivateFirst(service);
            for (int round = 0; round < 2; round++) {
                long champion = json(service.get("/api/v1/decision-sets/" + SET, "analyst"), 200).get("activeVersion")
                        .asLong();
                long challenger = champion == 1 ? 2 : 1;
                json(service.post("/api/v1/decision-sets/" + SET + "/rollouts", "{\"version\": " + challenger
                        + ", \"mode\": \"CANARY\", \"percent\": 30}", "approver"), 201);
                ServiceProcess dying = service;
                Thread promote = new Thread(() -> {
                    try {
                        dying.post("/api/v1/decision-sets/" + SET + "/rollouts/current/promote", "", "approver");
                    } catch (Exception connectionLost) {
                        // the kill came first
                    }
                });
                promote.start();
                Thread.sleep(ThreadLocalRandom.current().nextInt(0, 20));
                service.kill();
                promote.join();
                service = ServiceProcess.start(dataDir, log);
                JsonNode set = json(service.get("/api/v1/decision-sets/" + SET, "analyst"), 200);
                HttpResponse<String> current = service.get("/api/v1/decision-sets/" + SET + "/rollouts/current",
                        "analyst");
                JsonNode answer = json(service.post("/api/v1/decisions/" + SET + "/evaluate", catchAll("after-kill"),
                        "channel"), 200);
                if (current.statusCode() == 200) {
                    assertEquals(champion, set.get("activeVersion").asLong(), "the rollout is kept: " + set);
                    assertEquals(challenger, JSON.readTree(current.body()).get("challenger").asLong());
                    assertTrue(answer.has("arm"), "a running rollout names the arm: " + answer);
                    // end it, so that the next round starts from a set without a rollout
                    json(service.delete("/api/v1/decision-sets/" + SET + "/rollouts/current", "approver"), 200);
                } else {
                    assertEquals(404, current.statusCode(), current.body());
                    assertEquals(challenger, set.get("activeVersion").asLong(), "promoted: " + set);
                    JsonNode list = json(service.get("/api/v1/decision-sets/" + SET + "/rollouts", "analyst"), 200);
                    assertEquals("PROMOTED", list.get("rollouts").get(0).get("ending").asText(), list.toString());
                    assertEquals(challenger, answer.get("version").asLong(), answer.toString());
                    assertTrue(!answer.has("arm"), answer.toString());
                }
            }
        } finally {
            service.close();
        }
    }

    private static void publishAndActivateFirst(ServiceProcess service) throws Exception {
        Map<String, String> v1 = ShippedCopy.files(SET);
        json(service.post("/api/v1/decision-sets/" + SET + "/versions",
                JSON.writeValueAsString(Map.of("files", v1, "comment", "first")), "analyst"), 201);
        json(service.post("/api/v1/decision-sets/" + SET + "/versions/1/activate", "", "approver"), 200);
        Map<String, String> v2 = new LinkedHashMap<>(v1);
        v2.put("value-tier.dmn", v1.get("value-tier.dmn").replaceFirst(
                "(?s)(<rule id=\"vt-r22\".*?<outputEntry[^>]*>\\s*<text>)\"BRONZE\"", "$1\"SILVER\""));
        json(service.post("/api/v1/decision-sets/" + SET + "/versions",
                JSON.writeValueAsString(Map.of("files", v2, "comment", "catch-all becomes SILVER")), "analyst"), 201);
    }

    private static JsonNode json(HttpResponse<String> response, int expected) throws Exception {
        assertEquals(expected, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String catchAll(String customerId) {
        return """
                {"facts": {"customerId": "%s", "segment": "RETAIL", "country": "DE", "joinedOn": "2024-01-01",
                 "consent": {"marketing": false, "profiling": false}, "recencyDays": 200, "frequency12m": 1,
                 "monetary12m": 50, "clv": 100, "pAlive": 0.5, "maxDaysPastDue": 0, "missedPayments12m": 0,
                 "chargebacks12m": 0, "complaints90d": 0, "fraudFlag": false}}
                """.formatted(customerId);
    }
}
