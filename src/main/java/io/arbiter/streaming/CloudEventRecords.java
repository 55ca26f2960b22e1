package io.arbiter.streaming;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;

/**
 * Kafka records holding one CloudEvent each in structured JSON mode (the whole event, attributes and {@code data}, as
 * the record's value; {@code content-type} header {@code application/cloudevents+json}), built and written by the
 * CloudEvents SDK. Keyed by the event's subject, the customer, so one customer's events stay in one partition, in order.
 */
@ApplicationScoped
public class CloudEventRecords {

    static final String CONTENT_TYPE = "content-type";

    private final ObjectMapper mapper;
    private final EventFormat format = new JsonFormat();

    CloudEventRecords(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A CloudEvent with {@code data} as the JSON of {@code payload}, ready for extensions and build. */
    public CloudEventBuilder event(String id, String source, String type, String subject, Instant time, Object payload) {
        try {
            return CloudEventBuilder.v1().withId(id).withSource(java.net.URI.create(source)).withType(type)
                    .withSubject(subject).withTime(time.atOffset(ZoneOffset.UTC))
                    .withDataContentType("application/json").withData(mapper.writeValueAsBytes(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a " + type + " could not be written as JSON", e);
        }
    }

    public ProducerRecord<String, byte[]> record(String topic, CloudEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.getSubject(), format.serialize(event));
        record.headers().add(CONTENT_TYPE, JsonFormat.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Reads a structured CloudEvent (a record's value). */
    public CloudEvent read(byte[] value) {
        return format.deserialize(value);
    }
}
