package io.arbiter.alerting;

import java.util.ArrayList;
import java.util.List;

import org.infinispan.protostream.annotations.Proto;

/**
 * The alerts derived from one change-feed item, stored under its cursor: one entry per change, so that the alerts of
 * a range of cursors are a bulk read of consecutive keys and a replay of the item finds its entry there.
 */
@Proto
public record ChangeAlerts(long cursor, String customerId, List<StoredAlert> alerts) {

    public ChangeAlerts {
        alerts = List.copyOf(alerts);
    }

    /** These alerts with one replaced by its acknowledged form. */
    ChangeAlerts with(StoredAlert changed) {
        List<StoredAlert> next = new ArrayList<>(alerts);
        next.replaceAll(alert -> alert.id().equals(changed.id()) ? changed : alert);
        return new ChangeAlerts(cursor, customerId, next);
    }
}
