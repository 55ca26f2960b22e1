package io.arbiter.streaming;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of this node, built from {@link KafkaConfig}: one producer shared by every publisher (it is thread
 * safe and batches across them), and a consumer per consuming loop. Only asked for when Kafka mode is on.
 */
@ApplicationScoped
public class KafkaClients {

    private final KafkaConfig config;
    private KafkaProducer<String, byte[]> producer;

    KafkaClients(KafkaConfig config) {
        this.config = config;
    }

    public boolean enabled() {
        return config.bootstrapServers().filter(servers -> !servers.isBlank()).isPresent();
    }

    /**
     * The shared producer: idempotent with every in-sync replica acknowledging, so an acknowledged send is durable
     * and a retried one is not written twice.
     */
    public synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> properties = common();
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            properties.putAll(config.client());
            producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /**
     * Sends the records (batched by the producer) and returns once the broker acknowledged every one; throws the first
     * failure, after which the caller handles the same records again (some may then be sent twice).
     */
    public void sendAll(List<ProducerRecord<String, byte[]>> records) throws InterruptedException, ExecutionException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            sent.add(producer().send(record));
        }
        for (Future<RecordMetadata> acknowledged : sent) {
            acknowledged.get();
        }
    }

    /**
     * A consumer in the node's group that commits only when told: offsets move after what was read has been
     * handled, never before.
     */
    public KafkaConsumer<String, byte[]> consumer(String purpose, int maxPollRecords) {
        Map<String, Object> properties = common();
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId() + "-" + purpose);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.putAll(config.client());
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private Map<String, Object> common() {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers().orElseThrow());
        return properties;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
