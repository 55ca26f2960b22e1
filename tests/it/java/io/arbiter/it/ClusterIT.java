package io.arbiter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Three packaged nodes on 127.0.0.1, each with its own data directory and ports, clustered over JGroups with static
 * discovery: data written through one node is read through the others; an activation on one node takes effect on
 * the others within a second; a node killed with SIGKILL under a write load loses no acknowledged write; a customer
 * erased while that node is down stays erased when it rejoins with its old store; a batch APPLY that loses a node a
 * third of the way decides every customer once, with one change-feed item each; after a planned stop of the whole
 * cluster the same three restart with every customer and the active version. One scenario, because each phase
 * starts from what the last one left, and three JVMs take a while to start on two cores.
 */
class ClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(240);
    private static final String SET = "customer-value";
    private static final int CUSTOMERS = 300;
    private static final int BATCH_CUSTOMERS = 20_000;

    private final Map<String, ServiceProcess> nodes = new LinkedHashMap<>();
    private final Map<String, Path> dataDirs = new HashMap<>();
    private final Map<String, ServiceProcess.Ports> ports = new HashMap<>();
    private final Map<String, Integer> clusterPorts = new HashMap<>();
    /** Every node seals and verifies the audit chain with the same key, as a cluster must. */
    private static final String AUDIT_SEAL_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);
    /** JGroups' FD_SOCK2 listens this far above the node's cluster port. */
    private static final int FD_SOCK2_OFFSET = 100;
    private Path logDir;

    @Test
    void aThreeNodeClusterLosesNoAcknowledgedWriteAndNoErasure() throws Exception {
        logDir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "cluster-it")), "run");
        for (String name : List.of("node-a", "node-b", "node-c")) {
            dataDirs.put(name, Files.createDirectories(logDir.resolve(name)));
            // each node keeps its ports across restarts, so they are taken outside the ephemeral range
            ports.put(name, new ServiceProcess.Ports(ServiceProcess.reusablePort(0), ServiceProcess.reusablePort(0)));
            clusterPorts.put(name, ServiceProcess.reusablePort(FD_SOCK2_OFFSET));
        }
        startAll();
        for (ServiceProcess node : nodes.values()) {
            JsonNode view = JSON.readTree(node.get("/api/v1/cluster", "analyst").body());
            assertEquals(3, view.get("members").size(), "every node sees three members: " + view);
        }

        // written through A, read through B and C
        for (int i = 0; i < CUSTOMERS; i++) {
            HttpResponse<String> stored = node("node-a").put("/api/v1/customers/c-" + i, facts("c-" + i, i), "channel");
            assertEquals(201, stored.statusCode(), stored.body());
        }
        for (String reader : List.of("node-b", "node-c")) {
            for (int i = 0; i < CUSTOMERS; i++) {
                HttpResponse<String> read = node(reader).get("/api/v1/customers/c-" + i, "channel");
                assertEquals(200, read.statusCode(), reader + " reads c-" + i + ": " + read.body());
            }
        }

        // an activation through A takes effect on B and C within a second, timed once the impact analysis that the
        // publication started on every member is over (it competes for the same two cores)
        long published = publish();
        awaitNoJobRunning();
        long[] activeVersions = {published, 1, published, 1, published};
        List<Long> propagationMillis = new ArrayList<>();
        for (long version : activeVersions) {
            HttpResponse<String> activated = node("node-a").post("/api/v1/decision-sets/" + SET + "/versions/" + version
                    + "/activate", "", "approver");
            assertEquals(200, activated.statusCode(), activated.body());
            long activatedAt = System.nanoTime();
            for (String other : List.of("node-b", "node-c")) {
                while (activeOn(node(other)) != version) {
                    assertTrue(System.nanoTime() - activatedAt < 10_000_000_000L, other + " never took v" + version);
                    Thread.sleep(5);
                }
            }
            propagationMillis.add((System.nanoTime() - activatedAt) / 1_000_000);
            for (String other : List.of("node-b", "node-c")) {
                assertEquals(version, decidedWith(node(other)), other + " decides with the version it swapped in");
            }
        }
        System.out.println("ClusterIT: activation effective on both other nodes after " + propagationMillis + " ms");
        List<Long> sorted = propagationMillis.stream().sorted().toList();
        assertTrue(sorted.get(sorted.size() / 2) <= 1_000, "within 1 s (median of five): " + propagationMillis);

        // a continuous write load through C; B is killed with SIGKILL in the middle of it
        Map<String, Long> acknowledged = writeWhileKilling("node-c", "node-b");
        for (String survivor : List.of("node-a", "node-c")) {
            List<String> lost = new ArrayList<>();
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                HttpResponse<String> read = node(survivor).get("/api/v1/customers/" + ack.getKey(), "channel");
                long found = read.statusCode() == 200 ? JSON.readTree(read.body()).get("version").asLong() : -1;
                if (found < ack.getValue()) {
                    lost.add(ack.getKey() + " acknowledged v" + ack.getValue() + ", found " + read.statusCode()
                            + " v" + found);
                }
            }
            assertEquals(List.of(), lost, "acknowledged writes lost or stale on " + survivor);
        }

        // erased while B is down: still erased after B rejoins with its old store
        HttpResponse<String> erased = node("node-a").delete("/api/v1/customers/c-7", "channel");
        assertEquals(204, erased.statusCode(), erased.body());
        start("node-b");
        node("node-b").awaitReady(START);
        for (ServiceProcess node : nodes.values()) {
            assertEquals(404, node.get("/api/v1/customers/c-7", "channel").statusCode(), "c-7 came back");
            assertEquals(200, node.get("/api/v1/customers/c-8", "channel").statusCode(), "c-8 is readable");
        }

        Set<String> customers = new HashSet<>(acknowledged.keySet());
        for (int i = 0; i < CUSTOMERS; i++) {
            customers.add("c-" + i);
        }
        customers.remove("c-7");
        batchAcrossNodes(customers);
        plannedStopAndRestart(customers, published);
    }

    /**
     * An APPLY job over every customer, started on A, loses C a third of the way; the survivors decide C's segments
     * and every customer is decided once, with one change-feed item each, read alike through either survivor.
     */
    private void batchAcrossNodes(Set<String> customers) throws Exception {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < BATCH_CUSTOMERS; i++) {
            String id = "b-" + i;
            ndjson.append(facts(id, i)).append('\n');
            customers.add(id);
        }
        HttpResponse<String> imported = node("node-a").postNdjson("/api/v1/customers:import", ndjson.toString(),
                "channel");
        assertEquals(200, imported.statusCode(), imported.body());
        HttpResponse<String> started = node("node-a").post("/api/v1/batch-evaluations",
                "{\"decisionSet\": \"" + SET + "\", \"mode\": \"APPLY\"}", "approver");
        assertEquals(202, started.statusCode(), started.body());
        String jobId = JSON.readTree(started.body()).get("id").asText();
        JsonNode job = job(jobId);
        while (job.get("segmentsCompleted").asInt() < 11) {
            assertTrue(List.of("QUEUED", "RUNNING").contains(job.get("status").asText()), "killed mid-way: " + job);
            Thread.sleep(20);
            job = job(jobId);
        }
        node("node-c").kill();
        job = awaitJob(jobId);
        assertEquals(customers.size(), job.get("summary").get("decided").asLong(),
                "every customer decided once: " + job);
        assertEquals(0, job.get("errors").get("count").asLong(), job.toString());
        for (String reader : List.of("node-a", "node-b")) {
            Map<String, Integer> items = feedItemsPerCustomer(node(reader));
            assertEquals(customers, items.keySet(), "one feed item for every customer, read through " + reader);
            assertTrue(items.values().stream().allMatch(n -> n == 1), "none recorded twice, read through " + reader);
        }

    }

    /**
     * C comes back, then a planned stop through A stops all three; the same three restart at once and every customer
     * (its facts and its feed item), the erasure and the active version are back on each of them.
     */
    private void plannedStopAndRestart(Set<String> customers, long activeVersion) throws Exception {
        start("node-c");
        node("node-c").awaitReady(START);
        long healthyBy = System.nanoTime() + 120_000_000_000L;
        while (!JSON.readTree(node("node-a").get("/api/v1/cluster", "analyst").body()).get("status").asText()
                .equals("HEALTHY")) {
            assertTrue(System.nanoTime() < healthyBy, "C's state transfer did not end");
            Thread.sleep(100);
        }
        assertEveryFeedItemReadable(customers, "once C is back");
        HttpResponse<String> refused = node("node-a").post("/api/v1/cluster/shutdown", "", "approver");
        assertEquals(403, refused.statusCode(), refused.body());
        long askedAt = System.nanoTime();
        HttpResponse<String> stopping = node("node-a").post("/api/v1/cluster/shutdown", "", "admin");
        assertEquals(202, stopping.statusCode(), stopping.body());
        assertEquals(3, JSON.readTree(stopping.body()).get("members").size(), stopping.body());
        for (Map.Entry<String, ServiceProcess> node : nodes.entrySet()) {
            assertEquals(0, node.getValue().awaitExit(Duration.ofSeconds(120)), node.getKey() + " exit status");
        }
        long stoppedAt = System.nanoTime();
        nodes.clear();
        startAll();
        System.out.println("ClusterIT: planned stop " + (stoppedAt - askedAt) / 1_000_000 + " ms until all three exited,"
                + " restart " + (System.nanoTime() - stoppedAt) / 1_000_000 + " ms until all three were ready");
        for (String name : List.of("node-a", "node-b", "node-c")) {
            assertEquals(activeVersion, activeOn(node(name)), name + " active version after the restart");
            assertEquals(404, node(name).get("/api/v1/customers/c-7", "channel").statusCode(), "c-7 came back");
            for (int i = 0; i < CUSTOMERS; i += 7) {
                if (i != 7) {
                    HttpResponse<String> read = node(name).get("/api/v1/customers/c-" + i, "channel");
                    assertEquals(200, read.statusCode(), name + " reads c-" + i + " after the restart");
                }
            }
        }
        HttpResponse<String> started = node("node-b").post("/api/v1/batch-evaluations",
                "{\"decisionSet\": \"" + SET + "\", \"mode\": \"DRY_RUN\"}", "approver");
        assertEquals(202, started.statusCode(), started.body());
        JsonNode job = awaitJob(JSON.readTree(started.body()).get("id").asText());
        assertEquals(customers.size(), job.get("summary").get("decided").asLong(),
                () -> "every stored customer is back: " + job + "; not readable: " + unreadable(customers));
        assertEveryFeedItemReadable(customers, "after the restart");
    }

    private void assertEveryFeedItemReadable(Set<String> customers, String when) throws Exception {
        Map<String, List<String>> missingItems = new LinkedHashMap<>();
        for (String name : List.of("node-a", "node-b", "node-c")) {
            Set<String> read = feedItemsPerCustomer(node(name)).keySet();
            missingItems.put(name, customers.stream().filter(id -> !read.contains(id)).sorted().toList());
        }
        assertTrue(missingItems.values().stream().allMatch(List::isEmpty),
                "every feed item readable through each node " + when + "; missing: " + missingItems);
    }

    /** For a failure's message: the customers node A does not answer, with what B and C answer. */
    private List<String> unreadable(Set<String> customers) {
        List<String> missing = new ArrayList<>();
        try {
            for (String id : customers.stream().sorted().toList()) {
                if (node("node-a").get("/api/v1/customers/" + id, "channel").statusCode() != 200) {
                    missing.add(id + ": " + node("node-b").get("/api/v1/customers/" + id, "channel").statusCode()
                            + " on node-b, " + node("node-c").get("/api/v1/customers/" + id, "channel").statusCode()
                            + " on node-c");
                }
            }
        } catch (Exception e) {
            missing.add("reading failed: " + e);
        }
        return missing;
    }

    private JsonNode awaitJob(String id) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        JsonNode job = job(id);
        while (!job.get("status").asText().equals("COMPLETED")) {
            assertTrue(List.of("QUEUED", "RUNNING").contains(job.get("status").asText()), job.toString());
            assertTrue(System.nanoTime() < deadline, "the job did not end: " + job);
            Thread.sleep(200);
            job = job(id);
        }
        return job;
    }

    private void awaitNoJobRunning() throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (JSON.readTree(node("node-a").get("/api/v1/batch-evaluations", "approver").body())
                .findValuesAsText("status").stream().anyMatch(List.of("QUEUED", "RUNNING")::contains)) {
            assertTrue(System.nanoTime() < deadline, "the impact analysis did not end");
            Thread.sleep(100);
        }
    }

    private JsonNode job(String id) throws Exception {
        return JSON.readTree(node("node-a").get("/api/v1/batch-evaluations/" + id, "approver").body());
    }

    private static Map<String, Integer> feedItemsPerCustomer(ServiceProcess reader) throws Exception {
        Map<String, Integer> items = new HashMap<>();
        long after = 0;
        while (true) {
            JsonNode page = JSON.readTree(reader.get("/api/v1/decision-changes?limit=1000&after=" + after, "channel")
                    .body());
            for (JsonNode item : page.get("items")) {
                items.merge(item.get("customerId").asText(), 1, Integer::sum);
            }
            if (page.get("next").asLong() == after) {
                return items;
            }
            after = page.get("next").asLong();
        }
    }

    @AfterEach
    void stopNodes() throws InterruptedException {
        for (ServiceProcess node : nodes.values()) {
            node.kill();
        }
    }

    private ServiceProcess node(String name) {
        return nodes.get(name);
    }

    private void startAll() throws Exception {
        for (String name : dataDirs.keySet().stream().sorted().toList()) {
            start(name);
        }
        for (ServiceProcess node : nodes.values()) {
            node.awaitReady(START);
        }
    }

    private void start(String name) throws Exception {
        String members = String.join(",", clusterPorts.values().stream().map(p -> "127.0.0.1[" + p + "]").toList());
        Map<String, String> settings = Map.of(
                "ARBITER_CLUSTER_ENABLED", "true",
                "ARBITER_CLUSTER_NODE_NAME", name,
                "ARBITER_CLUSTER_BIND_ADDRESS", "127.0.0.1",
                "ARBITER_CLUSTER_PORT", Integer.toString(clusterPorts.get(name)),
                "ARBITER_CLUSTER_DISCOVERY", "static",
                "ARBITER_CLUSTER_INITIAL_HOSTS", members,
                "ARBITER_AUDIT_SEAL_KEY", AUDIT_SEAL_KEY);
        nodes.put(name, ServiceProcess.launch(dataDirs.get(name), logDir.resolve(name + ".log"), "384m",
                ports.get(name), settings));
    }

    /**
     * Writes customers through {@code writer} with four threads; once 400 writes are acknowledged {@code victim} is
     * killed, and writing goes on until 400 more are. Answers the highest acknowledged version of each customer.
     */
    private Map<String, Long> writeWhileKilling(String writer, String victim) throws Exception {
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        AtomicInteger acks = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            running.add(threads.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    String id = "k-" + thread + "-" + (i % 150);
                    HttpResponse<String> response = node(writer).put("/api/v1/customers/" + id, facts(id, i),
                            "channel");
                    if (response.statusCode() == 200 || response.statusCode() == 201) {
                        acknowledged.merge(id, JSON.readTree(response.body()).get("version").asLong(), Math::max);
                        acks.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        while (acks.get() < 400) {
            Thread.sleep(20);
        }
        node(victim).kill();
        int atKill = acks.get();
        while (acks.get() < atKill + 400) {
            Thread.sleep(20);
        }
        stop.set(true);
        for (Future<?> thread : running) {
            thread.get();
        }
        threads.shutdown();
        return acknowledged;
    }

    /** The version of the set this node has swapped in, as its readiness check reports it ("v3"). */
    private static long activeOn(ServiceProcess node) throws Exception {
        JsonNode ready = JSON.readTree(node.management("/q/health/ready").body());
        return Long.parseLong(ready.get("checks").get(0).get("data").get(SET).asText().substring(1));
    }

    private static long decidedWith(ServiceProcess node) throws Exception {
        HttpResponse<String> decided = node.post("/api/v1/decisions/" + SET + "/evaluate", "{\"customerId\":\"c-1\"}",
                "channel");
        assertEquals(200, decided.statusCode(), decided.body());
        return JSON.readTree(decided.body()).get("version").asLong();
    }

    /** The shipped files again, as a new version by the analyst; answers its number. */
    private long publish() throws Exception {
        Map<String, String> files = ShippedCopy.files(SET);
        HttpResponse<String> published = node("node-a").post("/api/v1/decision-sets/" + SET + "/versions",
                JSON.writeValueAsString(Map.of("files", files, "comment", "cluster test")), "analyst");
        assertEquals(201, published.statusCode(), published.body());
        return JSON.readTree(published.body()).get("version").asLong();
    }

    private static String facts(String id, int n) {
        return ("{\"customerId\":\"%s\",\"segment\":\"RETAIL\",\"country\":\"NL\",\"joinedOn\":\"2018-05-05\","
                + "\"consent\":{\"marketing\":true,\"profiling\":false},\"recencyDays\":%d,\"frequency12m\":%d,"
                + "\"monetary12m\":%d.25,\"maxDaysPastDue\":0,\"missedPayments12m\":0,\"chargebacks12m\":0,"
                + "\"complaints90d\":0,\"fraudFlag\":false}").formatted(id, n % 365, n % 50, n);
    }
}
