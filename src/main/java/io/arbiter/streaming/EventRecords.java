package io.arbiter.streaming;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.events.CustomerEvent;
import io.arbiter.events.EventParser;
import io.arbiter.input.FieldError;
import io.arbiter.ndjson.Rejection;

/**
 * Reads one record of the events topic: one JSON document, the same as a line of the NDJSON import, checked by the same
 * {@link EventParser}, refused with the same texts (bounded size, UTF-8, one document, then the fields with their JSON
 * Pointers). A record's key, when it has one, must be the event's customer id: records of one customer must share a
 * partition to stay in order.
 */
@ApplicationScoped
public class EventRecords {

    /** The event and its customer, or the refusal's text. */
    public record Parsed(String customerId, CustomerEvent event, String error) {
    }

    private final EventParser parser;
    private final ObjectReader reader;
    private final int maxBytes;

    EventRecords(EventParser parser, ObjectMapper mapper, ArbiterConfig config) {
        this.parser = parser;
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.maxBytes = config.maxImportLineBytes();
    }

    public Parsed parse(String key, byte[] value) {
        if (value == null || value.length == 0) {
            return refused("empty record: a record holds one event");
        }
        if (value.length > maxBytes) {
            return refused("record longer than " + maxBytes + " bytes");
        }
        String text;
        try {
            CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteBuffer bytes = ByteBuffer.wrap(value);
            try {
                text = utf8.decode(bytes).toString();
            } catch (CharacterCodingException e) {
                return refused("not valid UTF-8 at byte " + (bytes.position() + 1) + " of the record");
            }
            EventParser.Result parsed = parser.parse(reader.readTree(text));
            if (!parsed.valid()) {
                return refused(Rejection.of(0, parsed.customerId(), parsed.errors()).error());
            }
            if (key != null && !key.equals(parsed.customerId())) {
                return refused(Rejection.of(0, null, List.of(new FieldError("/customerId",
                        "is not the record's key: key records by customer id, so one customer's events stay in order")))
                        .error());
            }
            return new Parsed(parsed.customerId(), parsed.event(), null);
        } catch (JsonProcessingException e) {
            return refused("malformed JSON: " + e.getOriginalMessage());
        }
    }

    private static Parsed refused(String error) {
        return new Parsed(null, null, error);
    }
}
