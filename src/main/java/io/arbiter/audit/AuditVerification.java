package io.arbiter.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

/**
 * Recomputes the audit chain from its first link: every position present, every link naming its predecessor's
 * hash, every hash matching its link's content, and every seal holding over the hash it names. A link edited in the
 * cache fails its own hash; a link removed leaves a gap; a chain edited and rehashed to the end fails the first seal
 * after the edit; links removed from the end fail a seal past the new end.
 */
@ApplicationScoped
public class AuditVerification {

    private final Cache<String, AuditRecord> chain;
    private final Cache<String, AuditCheckpoint> checkpoints;
    private final AuditSeal seal;

    AuditVerification(AuditCaches caches, AuditSeal seal) {
        this.chain = caches.chain();
        this.checkpoints = caches.checkpoints();
        this.seal = seal;
    }

    public ChainReport verify() {
        List<ChainReport.Break> breaks = new ArrayList<>();
        Map<Long, String> hashes = new HashMap<>();
        long expected = 1;
        String previousHash = ChainHash.GENESIS;
        List<Map.Entry<String, AuditRecord>> links = chain.entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList();
        for (Map.Entry<String, AuditRecord> entry : links) {
            long position = Long.parseLong(entry.getKey());
            AuditRecord link = entry.getValue();
            String problem = position != expected ? "link " + expected + " is missing"
                    : link.sequence() != position ? "the link at position " + position + " says it is link " + link.sequence()
                    : !link.previousHash().equals(previousHash) ? "the link does not name link " + (position - 1) + "'s hash"
                    : !ChainHash.of(link).equals(link.hash()) ? "the link's content does not match its hash: it was altered"
                    : null;
            if (problem != null) {
                breaks.add(new ChainReport.Break(Math.min(position, expected), problem));
                break;
            }
            hashes.put(position, link.hash());
            previousHash = link.hash();
            expected++;
        }
        long verifiedThrough = expected - 1;
        long sealedThrough = 0;
        List<AuditCheckpoint> seals = checkpoints.values().stream()
                .sorted(Comparator.comparingLong(AuditCheckpoint::sequence)).toList();
        for (AuditCheckpoint checkpoint : seals) {
            if (!seal.holds(checkpoint)) {
                breaks.add(new ChainReport.Break(checkpoint.sequence(), "the seal of the checkpoint at link "
                        + checkpoint.sequence() + " does not hold: the checkpoint was forged or altered"));
            } else if (checkpoint.sequence() > links.size() && breaks.isEmpty()) {
                breaks.add(new ChainReport.Break(links.size() + 1L, "links after " + links.size()
                        + " were removed: a seal covers link " + checkpoint.sequence()));
            } else if (hashes.containsKey(checkpoint.sequence())) {
                if (hashes.get(checkpoint.sequence()).equals(checkpoint.hash())) {
                    sealedThrough = checkpoint.sequence();
                } else {
                    breaks.add(new ChainReport.Break(sealedThrough + 1, "the chain up to link " + checkpoint.sequence()
                            + " differs from its seal: a link after " + sealedThrough
                            + " was altered and the hashes after it rebuilt"));
                }
            }
        }
        ChainReport.Break first = breaks.stream().min(Comparator.comparingLong(ChainReport.Break::sequence))
                .orElse(null);
        return new ChainReport(first == null, verifiedThrough, seals.size(), sealedThrough, first);
    }
}
