package io.arbiter.alerting;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.audit.AuditTrail;
import io.arbiter.input.NotFoundException;
import io.arbiter.store.AtomicUpdates;
import io.arbiter.store.PrimaryKeys;

/**
 * The stored alerts: written once per change (a replay of the change writes nothing), listed, acknowledged, erased
 * with their customer and swept by retention. Listing by level or customer reads every stored alert: alerts are
 * few beside decisions (a change raises one only when it is for the worse) and retention bounds them; a range of
 * cursors, what publication reads, is a bulk read of consecutive keys.
 */
@ApplicationScoped
public class AlertStore {

    /** A page of alerts in id order, and the id to ask after for the next page (null when none was listed). */
    public record Page(List<StoredAlert> items, String next) {
    }

    private static final Comparator<StoredAlert> BY_ID = Comparator.comparing(AlertId::of);
    private static final int READ_BATCH = 500;

    private final Cache<String, ChangeAlerts> alerts;
    private final AuditTrail audit;
    private final Clock clock;

    AlertStore(AlertCaches caches, AuditTrail audit, Clock clock) {
        this.alerts = caches.alerts();
        this.audit = audit;
        this.clock = clock;
    }

    /** Stores the alerts of each change unless they are stored already (a change derived again after a crash). */
    void addAll(List<ChangeAlerts> derived) {
        for (ChangeAlerts change : derived) {
            alerts.putIfAbsent(Long.toString(change.cursor()), change);
        }
    }

    /**
     * The alerts, in id order, of a level (empty: any) with ids after {@code after} (empty: from the first), at most
     * {@code limit}. Keeps only the {@code limit} lowest ids while it reads, never every alert at once.
     */
    public Page list(Optional<String> level, Optional<AlertId> after, int limit) {
        PriorityQueue<StoredAlert> lowest = new PriorityQueue<>(BY_ID.reversed());
        for (ChangeAlerts change : alerts.values()) {
            for (StoredAlert alert : change.alerts()) {
                boolean wanted = level.map(alert.level()::equals).orElse(true)
                        && after.map(a -> AlertId.of(alert).compareTo(a) > 0).orElse(true);
                if (wanted) {
                    lowest.add(alert);
                    if (lowest.size() > limit) {
                        lowest.poll();
                    }
                }
            }
        }
        List<StoredAlert> items = new ArrayList<>(lowest);
        items.sort(BY_ID);
        return new Page(List.copyOf(items), items.isEmpty() ? null : items.get(items.size() - 1).id());
    }

    /** Every alert of the customer, in id order. */
    public List<StoredAlert> forCustomer(String customerId) {
        List<StoredAlert> found = new ArrayList<>();
        for (ChangeAlerts change : alerts.values()) {
            if (change.customerId().equals(customerId)) {
                found.addAll(change.alerts());
            }
        }
        found.sort(BY_ID);
        return found;
    }

    /**
     * The alerts derived from the feed items with cursors {@code after < cursor <= upTo}, in id order: consecutive
     * keys read in bulk. The caller bounds the range; alerts of a cursor not yet derived are simply not there.
     */
    public List<StoredAlert> between(long after, long upTo) {
        List<StoredAlert> found = new ArrayList<>();
        for (long from = after + 1; from <= upTo; from += READ_BATCH) {
            Set<String> keys = new HashSet<>();
            for (long k = from; k <= Math.min(upTo, from + READ_BATCH - 1); k++) {
                keys.add(Long.toString(k));
            }
            Map<String, ChangeAlerts> read = alerts.getAdvancedCache().getAll(keys);
            read.values().forEach(change -> found.addAll(change.alerts()));
        }
        found.sort(BY_ID);
        return found;
    }

    /**
     * Marks the alert acknowledged by {@code who} now, in one compare-and-set, and records it in the audit chain
     * (by alert id and code; the customer is not named there). Unknown: {@link NotFoundException}; acknowledged
     * before: {@link AlreadyAcknowledgedException} naming who did.
     */
    public StoredAlert acknowledge(AlertId id, String who) {
        String key = Long.toString(id.cursor());
        String text = id.toString();
        ChangeAlerts current = alerts.get(key);
        if (current == null || current.alerts().stream().noneMatch(a -> a.id().equals(text))) {
            throw new NotFoundException("no alert " + text);
        }
        Instant now = clock.instant();
        ChangeAlerts updated = AtomicUpdates.update(alerts, key, change -> {
            if (change == null) {
                throw new NotFoundException("no alert " + text);
            }
            StoredAlert alert = find(change, text);
            if (alert.acknowledged()) {
                throw new AlreadyAcknowledgedException(alert);
            }
            return change.with(alert.acknowledge(who, now));
        });
        StoredAlert acknowledged = find(updated, text);
        audit.append(who, "ALERT_ACK", acknowledged.decisionSet(), acknowledged.version(),
                "alert " + text + " (" + acknowledged.level() + " " + acknowledged.code() + ") acknowledged");
        return acknowledged;
    }

    private static StoredAlert find(ChangeAlerts change, String id) {
        return change.alerts().stream().filter(a -> a.id().equals(id)).findFirst()
                .orElseThrow(() -> new NotFoundException("no alert " + id));
    }

    /** Right to erasure: the customer's alerts go. */
    public void erase(String customerId) {
        List<String> keys = new ArrayList<>();
        for (ChangeAlerts change : alerts.values()) {
            if (change.customerId().equals(customerId)) {
                keys.add(Long.toString(change.cursor()));
            }
        }
        keys.forEach(alerts::remove);
    }

    /** Retention: alerts of changes decided before {@code cutoff} go; this node's primary share. */
    public long prune(Instant cutoff) {
        long pruned = 0;
        for (String key : PrimaryKeys.of(alerts)) {
            ChangeAlerts change = alerts.get(key);
            if (change != null && change.alerts().get(0).raisedAt().isBefore(cutoff) && alerts.remove(key, change)) {
                pruned += change.alerts().size();
            }
        }
        return pruned;
    }
}
