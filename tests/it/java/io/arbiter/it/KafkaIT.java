package io.arbiter.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.arbiter.streaming.KafkaBroker;
import io.arbiter.streaming.TopicClient;

/**
 * Kafka mode survives kill -9: the packaged service consumes a stream of behaviour events from a broker in this JVM,
 * is killed while it consumes, and started again; every distinct event is then counted in its customer's facts exactly
 * once (replayed records are recognised by their event ids) and no good record was dead-lettered.
 */
class KafkaIT {

    private static final Pattern ACCEPTED = Pattern.compile(
            "arbiter_kafka_events_total\\{[^}]*outcome=\"accepted\"[^}]*} ([0-9.E]+)");
    private static final int CUSTOMERS = 300;
    private static final int PER_CUSTOMER = 120;

    @Test
    void killedWhileConsumingThenRestartedEveryEventCountsOnce() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target"), "kafka-it-");
        Path log = dataDir.resolve("service.log");
        try (KafkaBroker broker = KafkaBroker.start(); TopicClient topics = new TopicClient(broker.bootstrapServers())) {
            List<String> customers = new ArrayList<>();
            for (int c = 0; c < CUSTOMERS; c++) {
                customers.add("kit-" + c);
            }
            int total = CUSTOMERS * PER_CUSTOMER;
            Map<String, String> kafkaMode = Map.of("ARBITER_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(),
                    "ARBITER_KAFKA_BATCH_RECORDS", "1000");

            try (ServiceProcess service = ServiceProcess.launch(dataDir, log, "512m", ServiceProcess.Ports.free(),
                    kafkaMode)) {
                service.awaitReady(Duration.ofSeconds(90));
                // the stream goes on while the service is killed and started again
                Thread producer = new Thread(() -> produce(topics, customers));
                producer.start();
                double accepted = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (accepted < total / 3.0 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    accepted = accepted(service);
                }
                assertTrue(accepted >= total / 3.0 && accepted < total,
                        "killed while consuming: " + accepted + " of " + total + " accepted");
                service.kill();
                producer.join();
            }

            try (ServiceProcess restarted = ServiceProcess.launch(dataDir, log, "512m", ServiceProcess.Ports.free(),
                    kafkaMode)) {
                restarted.awaitReady(Duration.ofSeconds(90));
                List<String> waiting = new ArrayList<>(customers);
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                Map<String, Integer> last = new java.util.HashMap<>();
                while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                    for (var it = waiting.iterator(); it.hasNext(); ) {
                        String customer = it.next();
                        var facts = restarted.get("/api/v1/customers/" + customer, "channel");
                        Matcher events = Pattern.compile("\"events\":(\\d+)").matcher(facts.body());
                        int held = facts.statusCode() == 200 && events.find() ? Integer.parseInt(events.group(1)) : 0;
                        last.put(customer, held);
                        assertTrue(held <= PER_CUSTOMER, customer + " counts " + held + " events, more than were sent");
                        if (held == PER_CUSTOMER) {
                            it.remove();
                        }
                    }
                    Thread.sleep(200);
                }
                assertTrue(waiting.isEmpty(), () -> waiting.size() + " customers short of their events, e.g. "
                        + waiting.get(0) + " with " + last.get(waiting.get(0)));
            }
            assertEquals(0, topics.readAll("arbiter.events.dlq", 1, Duration.ofSeconds(3)).size(),
                    "no good record is dead-lettered");
        }
    }

    /** Every customer's events in time order, interleaved over customers; every tenth sent twice (a retry). */
    private static void produce(TopicClient topics, List<String> customers) {
        String[] types = {"PURCHASE", "CONTACT", "COMPLAINT", "PURCHASE"};
        for (int e = 0; e < PER_CUSTOMER; e++) {
            for (String customer : customers) {
                String type = types[e % types.length];
                String money = type.equals("PURCHASE") ? ", \"amount\": 12.50, \"currency\": \"EUR\"" : "";
                byte[] value = ("{\"eventId\": \"%s-%d\", \"customerId\": \"%s\", \"type\": \"%s\","
                        + " \"occurredAt\": \"%sT08:00:00Z\"%s}").formatted(customer, e, customer, type,
                        LocalDate.of(2025, 1, 1).plusDays(e), money).getBytes(StandardCharsets.UTF_8);
                topics.send("arbiter.events", customer, value);
                if (e % 10 == 0) {
                    topics.send("arbiter.events", customer, value);
                }
            }
            topics.flush();
            try {
                Thread.sleep(40);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static double accepted(ServiceProcess service) throws Exception {
        Matcher matcher = ACCEPTED.matcher(service.management("/q/metrics").body());
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
