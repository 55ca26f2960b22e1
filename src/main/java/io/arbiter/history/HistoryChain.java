package io.arbiter.history;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import jakarta.enterprise.context.ApplicationScoped;

import io.arbiter.audit.AuditSeal;

/**
 * Links each customer's decision history: an entry's hash is an HMAC, under the audit seal key, of its content and
 * the hash of the entry before it (the log's anchor for the oldest). Keyed, so that whoever can write the caches but
 * does not hold the key cannot edit an entry, or remove one from the middle, and rebuild the links after it.
 * <p>
 * A write re-links only what it changed: the new entry, and when a re-processed batch entry is replaced, the entries
 * newer than it. Entries older than the change keep their hashes as they are, so an edit there stays visible.
 */
@ApplicationScoped
public class HistoryChain {

    private final AuditSeal seal;

    HistoryChain(AuditSeal seal) {
        this.seal = seal;
    }

    /**
     * {@code updated}'s history linked, keeping the hashes of the entries it shares, unmoved, with the end of
     * {@code previous}'s (the older part).
     */
    CustomerDecisionLog link(CustomerDecisionLog previous, CustomerDecisionLog updated) {
        List<HistoryEntry> before = previous == null ? List.of() : previous.history();
        List<HistoryEntry> after = updated.history();
        int shared = 0;
        while (shared < before.size() && shared < after.size()
                && before.get(before.size() - 1 - shared) == after.get(after.size() - 1 - shared)) {
            shared++;
        }
        List<HistoryEntry> linked = new ArrayList<>(after);
        String predecessor = shared == 0 ? null : after.get(after.size() - shared).hash();
        // an entry stored before histories were chained has no hash: the first linked entry starts from the anchor,
        // as firstBreak reads it
        String link = predecessor == null ? anchor(updated) : predecessor;
        for (int i = after.size() - 1 - shared; i >= 0; i--) {
            HistoryEntry entry = after.get(i).withHash(hash(after.get(i), link));
            linked.set(i, entry);
            link = entry.hash();
        }
        return new CustomerDecisionLog(updated.customerId(), updated.latest(), List.copyOf(linked), updated.anchor());
    }

    /** The position (newest first) of the oldest entry whose link does not hold; empty when the history verifies. */
    public OptionalInt firstBreak(CustomerDecisionLog log) {
        List<HistoryEntry> history = log.history();
        String link = anchor(log);
        boolean chained = false;
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoryEntry entry = history.get(i);
            if (entry.hash() == null && !chained) {
                continue; // stored before histories were chained
            }
            chained = true;
            if (entry.hash() == null || !entry.hash().equals(hash(entry, link))) {
                return OptionalInt.of(i);
            }
            link = entry.hash();
        }
        return OptionalInt.empty();
    }

    private static String anchor(CustomerDecisionLog log) {
        return log.anchor() == null ? "" : log.anchor();
    }

    /** Over the entry's fields as stored (its time to the millisecond, as the store keeps an instant). */
    private String hash(HistoryEntry entry, String previous) {
        return seal.mac(String.join("\u0000", Long.toString(entry.cursor()), entry.decisionSet(),
                Long.toString(entry.version()), String.valueOf(entry.before()), String.valueOf(entry.after()),
                Long.toString(entry.at().toEpochMilli()), String.valueOf(entry.jobId()), previous)
                // the arm is linked only where a rollout ran, so entries stored before arms were kept verify as before
                + (entry.arm() == null ? "" : "\u0000" + entry.arm()));
    }
}
