package io.arbiter.events;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A customer's event history, ordered by time then id, each event id once. The order and the set do not depend
 * on the order of delivery, so facts derived from the log are the same for in-order, out-of-order and repeated
 * delivery. Stored as a {@link StoredEventLog}.
 */
public record EventLog(String customerId, List<CustomerEvent> events) {

    static final Comparator<CustomerEvent> ORDER = Comparator.comparing(CustomerEvent::occurredAt)
            .thenComparing(CustomerEvent::eventId);

    /** The log after adding {@code incoming}, and how many of them it already held. */
    public record Merge(EventLog log, int added, int duplicates) {
    }

    public static EventLog empty(String customerId) {
        return new EventLog(customerId, List.of());
    }

    public Merge merge(Collection<CustomerEvent> incoming) {
        Set<String> ids = new HashSet<>(events.size() + incoming.size());
        events.forEach(event -> ids.add(event.eventId()));
        List<CustomerEvent> merged = new ArrayList<>(events.size() + incoming.size());
        merged.addAll(events);
        int duplicates = 0;
        for (CustomerEvent event : incoming) {
            if (ids.add(event.eventId())) {
                merged.add(event);
            } else {
                duplicates++;
            }
        }
        if (merged.size() == events.size()) {
            return new Merge(this, 0, duplicates);
        }
        merged.sort(ORDER);
        return new Merge(new EventLog(customerId, List.copyOf(merged)), merged.size() - events.size(), duplicates);
    }
}
