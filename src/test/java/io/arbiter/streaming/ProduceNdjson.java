package io.arbiter.streaming;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tests/load/kafka.sh}: sends each line of an NDJSON file of events as one record of a topic, keyed by its
 * customer id, and prints how many it sent.
 */
public final class ProduceNdjson {

    private static final Pattern CUSTOMER = Pattern.compile("\"customerId\"\\s*:\\s*\"([^\"]+)\"");

    private ProduceNdjson() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String topic = args[1];
        long sent = 0;
        try (TopicClient topics = new TopicClient(bootstrap);
             BufferedReader lines = Files.newBufferedReader(Path.of(args[2]), StandardCharsets.UTF_8)) {
            for (String line; (line = lines.readLine()) != null; ) {
                Matcher customer = CUSTOMER.matcher(line);
                topics.send(topic, customer.find() ? customer.group(1) : null, line.getBytes(StandardCharsets.UTF_8));
                sent++;
            }
            topics.flush();
        }
        System.out.println(sent);
    }
}
