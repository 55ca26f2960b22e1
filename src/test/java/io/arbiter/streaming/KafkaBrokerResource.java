package io.arbiter.streaming;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts {@link KafkaBroker} before the service under test and points Kafka mode at it. */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private KafkaBroker broker;

    @Override
    public Map<String, String> start() {
        try {
            broker = KafkaBroker.start();
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not start", e);
        }
        return Map.of("arbiter.kafka.bootstrap-servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        try {
            broker.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
