package io.arbiter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every write the service acknowledged survives SIGKILL: writers run until the process is killed mid-stream,
 * the service restarts on the same data directory, and each acknowledged version (or a later one) is there.
 * The service's own log never shows a customer id in clear.
 */
class CrashRecoveryIT {

    private static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");
    private static final int WRITERS = 4;

    @Test
    void acknowledgedWritesSurviveKill9() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "crash-it"));
        Path dataDir = Files.createTempDirectory(dir, "data");
        Path log = dir.resolve("service-" + dataDir.getFileName() + ".log");
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();

        try (ServiceProcess service = ServiceProcess.start(dataDir, log)) {
            AtomicBoolean killed = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                running.add(writers.submit(() -> write(service, writer, acknowledged, killed)));
            }
            while (acknowledged.size() < 1500) {
                Thread.sleep(20);
            }
            service.kill();
            killed.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            writers.shutdown();
        }
        assertTrue(acknowledged.size() >= 1500, "writes were acknowledged before the kill");

        try (ServiceProcess restarted = ServiceProcess.start(dataDir, log)) {
            List<String> lost = new ArrayList<>();
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                HttpResponse<String> stored = restarted.get("/api/v1/customers/" + ack.getKey(), "channel");
                if (stored.statusCode() != 200 || version(stored.body()) < ack.getValue()) {
                    lost.add(ack.getKey() + " (acknowledged v" + ack.getValue() + ", found " + stored.statusCode() + ")");
                }
            }
            assertEquals(List.of(), lost, "acknowledged writes lost after kill -9");
        }
        String logText = Files.readString(log);
        assertFalse(logText.contains("kunde-"), "a customer id appears in clear in the service log");
    }

    private static void write(ServiceProcess service, int writer, Map<String, Long> acknowledged, AtomicBoolean killed) {
        for (int i = 0; !killed.get(); i++) {
            String id = "kunde-" + writer + "-" + (i % 600);
            try {
                HttpResponse<String> response = service.put("/api/v1/customers/" + id, facts(id, i), "channel");
                if (response.statusCode() == 200 || response.statusCode() == 201) {
                    acknowledged.merge(id, version(response.body()), Math::max);
                }
            } catch (Exception connectionLost) {
                return;
            }
        }
    }

    private static long version(String body) {
        Matcher m = VERSION.matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String facts(String id, int n) {
        return ("{\"customerId\":\"%s\",\"segment\":\"RETAIL\",\"country\":\"NL\",\"joinedOn\":\"2018-05-05\","
                + "\"consent\":{\"marketing\":true,\"profiling\":false},\"recencyDays\":%d,\"frequency12m\":%d,"
                + "\"monetary12m\":%d.25,\"maxDaysPastDue\":0,\"missedPayments12m\":0,\"chargebacks12m\":0,"
                + "\"complaints90d\":0,\"fraudFlag\":false}").formatted(id, n % 365, n % 50, n);
    }
}
