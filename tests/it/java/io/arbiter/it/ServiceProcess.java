package io.arbiter.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The packaged service ({@code target/quarkus-app}) run as a separate process, as an operator would run it. */
final class ServiceProcess implements AutoCloseable {

    private static final int LOG_DIGEST_LINES = 20;
    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();
    private static final int LOG_LAST_LINES = 10;

    /** The API's port and the management interface's (health, metrics, OpenAPI). */
    record Ports(int http, int management) {

        /** Two distinct free ports, each held open until both are known, so they cannot be the same one. */
        static Ports free() throws IOException {
            try (ServerSocket http = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
                return new Ports(http.getLocalPort(), management.getLocalPort());
            }
        }
    }

    private final Process process;
    final int port;
    private final int managementPort;
    final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceProcess(Process process, Ports ports, Path log) {
        this.process = process;
        this.port = ports.http();
        this.managementPort = ports.management();
        this.log = log;
    }

    static ServiceProcess start(Path dataDir, Path log) throws IOException, InterruptedException {
        return start(dataDir, log, "512m");
    }

    /** With a maximum heap ({@code -Xmx}, e.g. "192m"), for tests of what the service keeps on it. */
    static ServiceProcess start(Path dataDir, Path log, String maxHeap) throws IOException, InterruptedException {
        ServiceProcess service = launch(dataDir, log, maxHeap, Ports.free(), Map.of());
        service.awaitReady(Duration.ofSeconds(90));
        return service;
    }

    /**
     * Starts the service with extra settings (environment variables, e.g. a cluster node's) on {@code ports} and
     * answers without waiting: several nodes can then start at once, as a restarting cluster must.
     */
    static ServiceProcess launch(Path dataDir, Path log, String maxHeap, Ports ports, Map<String, String> settings)
            throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("package the service first: " + jar + " is missing");
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + maxHeap, "-jar", jar.toString());
        builder.environment().put("ARBITER_DATA_DIR", dataDir.toString());
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(ports.http()));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(ports.management()));
        builder.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        builder.environment().putAll(settings);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new ServiceProcess(builder.start(), ports, log);
    }

    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log
                        + ", which ends:\n" + logTail());
            }
            try {
                if (management("/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not ready within " + timeout + "; see " + log
                + ", which ends:\n" + logTail());
    }

    HttpResponse<String> put(String path, String json, String user) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", basic(user)).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> post(String path, String json, String user) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", basic(user)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> postNdjson(String path, String ndjson, String user) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-ndjson")
                .header("Authorization", basic(user)).POST(HttpRequest.BodyPublishers.ofString(ndjson)));
    }

    HttpResponse<String> patch(String path, String json, String user) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Authorization", basic(user)).method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user)).GET());
    }

    /**
     * Any request as given: a method, headers (an {@code Authorization} among them or not) and a body, for requests
     * generated rather than written (FuzzIT).
     */
    HttpResponse<String> request(String method, String pathAndQuery, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basicAuthorization(String user) {
        return basic(user);
    }

    /** A GET on the management interface, which takes no credentials. */
    HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET());
    }

    HttpResponse<String> delete(String path, String user) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user)).DELETE());
    }

    /** Waits for the process to exit on its own and answers its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the service did not exit within " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    /**
     * What a failure message needs from the service's log: its ERROR lines and causes, then its last lines. A CI log
     * keeps the test report, not the files beside it, so a failure that only pointed at the log could not be
     * explained afterwards.
     */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> digest = new java.util.ArrayList<>(lines.stream()
                    .filter(line -> line.contains(" ERROR ") || line.startsWith("Caused by:"))
                    .map(line -> line.length() > 300 ? line.substring(0, 300) + "..." : line)
                    .limit(LOG_DIGEST_LINES).toList());
            digest.add("-- last lines:");
            digest.addAll(lines.subList(Math.max(0, lines.size() - LOG_LAST_LINES), lines.size()));
            return String.join("\n", digest);
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            return "(the log could not be read: " + unreadable + ")";
        }
    }

    /** SIGTERM, as an orchestrator stops a pod, and the exit status once the service has stopped. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /** SIGKILL: no shutdown hook, no flush, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-secret").getBytes(StandardCharsets.UTF_8));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A free port that a node can take again after a restart: one below the kernel's ephemeral range, together with
     * the port {@code offset} above it (JGroups' FD_SOCK2 listens there). A port from {@link #freePort()} lies in the
     * ephemeral range, so while its node is down any outgoing connection on the machine may be handed it, and the
     * restarted node then fails to bind.
     */
    static synchronized int reusablePort(int offset) throws IOException {
        int below = ephemeralRangeStart();
        if (below < 12_000 + offset) {
            throw new IOException("the ephemeral port range starts at " + below + ": no room below it for a port that"
                    + " must stay free across restarts");
        }
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 10_000 + random.nextInt(below - 10_000 - offset);
            // not yet bound by the node it was handed to, so remembered to keep two nodes off one port
            if (!HANDED_OUT.contains(port) && !HANDED_OUT.contains(port + offset) && bindable(port)
                    && bindable(port + offset)) {
                HANDED_OUT.add(port);
                HANDED_OUT.add(port + offset);
                return port;
            }
        }
        throw new IOException("no free port pair below " + below);
    }

    private static int ephemeralRangeStart() {
        // read as a line: Files.readString stops early on /proc files, whose size is not known in advance
        try (java.io.BufferedReader range = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            return Integer.parseInt(range.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
