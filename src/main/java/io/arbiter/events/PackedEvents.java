package io.arbiter.events;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The stored form of a log's events: one byte array, each event as fixed-width numbers and length-prefixed UTF-8
 * (instant as epoch second and nano, day as epoch day, amount as scale and unscaled two's-complement bytes, type
 * by ordinal). Every event of a customer is written again whenever one is added, and as a message per event, with
 * nested instant, date and decimal messages, that marshalling led the import's profile; packed, the import of
 * 1,000,000 events over 100,000 customers ran ~10% faster.
 */
final class PackedEvents {

    /** First byte of every packed log; a different layout gets a new number. */
    private static final byte FORMAT = 1;
    private static final int NONE = -1;

    private PackedEvents() {
    }

    static byte[] pack(List<CustomerEvent> events) {
        int count = events.size();
        byte[][] ids = new byte[count][];
        byte[][] unscaled = new byte[count][];
        byte[][] attributes = new byte[count][];
        int size = 1 + Integer.BYTES;
        for (int i = 0; i < count; i++) {
            CustomerEvent event = events.get(i);
            ids[i] = event.eventId().getBytes(StandardCharsets.UTF_8);
            unscaled[i] = event.amount() == null ? null : event.amount().unscaledValue().toByteArray();
            attributes[i] = event.attributes() == null ? null : event.attributes().getBytes(StandardCharsets.UTF_8);
            size += Short.BYTES + ids[i].length + 1 + Long.BYTES + 3 * Integer.BYTES
                    + (unscaled[i] == null ? 0 : Integer.BYTES + unscaled[i].length)
                    + Integer.BYTES + (attributes[i] == null ? 0 : attributes[i].length);
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(FORMAT).putInt(count);
        for (int i = 0; i < count; i++) {
            CustomerEvent event = events.get(i);
            out.putShort((short) ids[i].length).put(ids[i]);
            out.put((byte) event.type().ordinal());
            out.putLong(event.occurredAt().getEpochSecond()).putInt(event.occurredAt().getNano());
            out.putInt((int) event.occurredOn().toEpochDay());
            if (unscaled[i] == null) {
                out.putInt(NONE);
            } else {
                out.putInt(unscaled[i].length).put(unscaled[i]).putInt(event.amount().scale());
            }
            if (attributes[i] == null) {
                out.putInt(NONE);
            } else {
                out.putInt(attributes[i].length).put(attributes[i]);
            }
        }
        return out.array();
    }

    static List<CustomerEvent> unpack(byte[] packed) {
        ByteBuffer in = ByteBuffer.wrap(packed);
        byte format = in.get();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown packed event log format " + format);
        }
        EventType[] types = EventType.values();
        CustomerEvent[] events = new CustomerEvent[in.getInt()];
        for (int i = 0; i < events.length; i++) {
            String eventId = string(in, in.getShort());
            EventType type = types[in.get()];
            Instant occurredAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
            LocalDate occurredOn = LocalDate.ofEpochDay(in.getInt());
            int unscaledLength = in.getInt();
            BigDecimal amount = null;
            if (unscaledLength != NONE) {
                byte[] unscaled = new byte[unscaledLength];
                in.get(unscaled);
                amount = new BigDecimal(new BigInteger(unscaled), in.getInt());
            }
            int attributesLength = in.getInt();
            String attributes = attributesLength == NONE ? null : string(in, attributesLength);
            events[i] = new CustomerEvent(eventId, type, occurredAt, occurredOn, amount, attributes);
        }
        return List.of(events);
    }

    private static String string(ByteBuffer in, int length) {
        String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }
}
