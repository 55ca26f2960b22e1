package io.arbiter.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

/**
 * The append-only, hash-chained record of who changed what: publications, activations, rollbacks, erasures, batch
 * jobs, planned stops. Each link names the hash of the one before it; an edit, a removal or an insertion anywhere
 * breaks the chain from there on ({@link AuditVerification}), and the seals ({@link AuditSeal}) keep whoever can
 * write the caches from rebuilding the hashes after an edit.
 * <p>
 * One chain for the whole cluster: a link is appended with {@code putIfAbsent} at the next position, so when two
 * nodes append at once one wins the position and the other retries at the next, with the winner as predecessor.
 * Appends are rare (people's actions), so the contention costs nothing. A link is one write: a crash leaves it whole
 * or absent, never half-linked.
 */
@ApplicationScoped
public class AuditTrail {

    private final Cache<String, AuditRecord> chain;
    private final Clock clock;

    AuditTrail(AuditCaches caches, Clock clock) {
        this.chain = caches.chain();
        this.clock = clock;
    }

    /** Appends a link now; {@code decisionSet} empty and {@code version} 0 for an action on no decision set. */
    public AuditRecord append(String actor, String action, String decisionSet, long version, String detail) {
        // to the millisecond, as the store keeps an instant: the hash is over what is stored
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long position = head() + 1;
        while (true) {
            AuditRecord previous = position == 1 ? null : chain.get(AuditCaches.key(position - 1));
            if (position > 1 && previous == null) {
                // links are never removed; a missing predecessor means the caches were altered behind our back
                throw new IllegalStateException("the audit chain has no link " + (position - 1)
                        + " before its head; GET /api/v1/audit/verify reports where it breaks");
            }
            String previousHash = previous == null ? ChainHash.GENESIS : previous.hash();
            String safeDetail = detail == null ? "" : detail;
            String hash = ChainHash.of(position, at, actor, action, decisionSet, version, safeDetail, previousHash);
            AuditRecord link = new AuditRecord(position, at, actor, action, decisionSet, version, safeDetail,
                    previousHash, hash);
            if (chain.putIfAbsent(AuditCaches.key(position), link) == null) {
                return link;
            }
            position++;
        }
    }

    /** The chain in order, or the links about one decision set. */
    public List<AuditRecord> entries(Optional<String> decisionSet) {
        return chain.values().stream()
                .filter(e -> decisionSet.map(e.decisionSet()::equals).orElse(true))
                .sorted(Comparator.comparingLong(AuditRecord::sequence))
                .toList();
    }

    /** The position of the last link, 0 for an empty chain. */
    long head() {
        return chain.keySet().stream().max(Comparator.naturalOrder()).map(Long::parseLong).orElse(0L);
    }
}
