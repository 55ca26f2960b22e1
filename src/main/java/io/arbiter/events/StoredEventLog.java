package io.arbiter.events;

import org.infinispan.protostream.annotations.Proto;

/**
 * How a customer's {@link EventLog} is stored: its events packed in one bytes field ({@link PackedEvents}) rather
 * than as a message per event. The array is never changed once built.
 */
@Proto
public record StoredEventLog(String customerId, byte[] events) {

    public static StoredEventLog of(EventLog log) {
        return new StoredEventLog(log.customerId(), PackedEvents.pack(log.events()));
    }

    public EventLog log() {
        return new EventLog(customerId, PackedEvents.unpack(events));
    }
}
