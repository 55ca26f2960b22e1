package io.arbiter.audit;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Seals the head of the audit chain every {@code arbiter.audit.seal-every}, when it has grown, and only once the
 * chain verifies: a seal over an altered chain would vouch for it. Every node seals; they seal the same head with the
 * same key, so the first write wins and the others find it there.
 */
@ApplicationScoped
public class AuditSealing {

    private static final Logger LOG = Logger.getLogger(AuditSealing.class);

    private final Cache<String, AuditRecord> chain;
    private final Cache<String, AuditCheckpoint> checkpoints;
    private final AuditSeal seal;
    private final AuditVerification verification;
    private final Clock clock;

    AuditSealing(AuditCaches caches, AuditSeal seal, AuditVerification verification, Clock clock) {
        this.chain = caches.chain();
        this.checkpoints = caches.checkpoints();
        this.seal = seal;
        this.verification = verification;
        this.clock = clock;
    }

    @Scheduled(every = "${arbiter.audit.seal-every}", delayed = "${arbiter.audit.seal-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sealHead();
    }

    /** Seals the current head; false when there is nothing new to seal or the chain does not verify. */
    public boolean sealHead() {
        ChainReport report = verification.verify();
        if (!report.intact()) {
            LOG.errorf("the audit chain is broken at link %d (%s): it is not sealed until this is investigated",
                    report.firstBreak().sequence(), report.firstBreak().reason());
            return false;
        }
        long head = report.links();
        if (head == 0 || head == report.sealedThrough()) {
            return false;
        }
        AuditRecord link = chain.get(AuditCaches.key(head));
        AuditCheckpoint checkpoint = new AuditCheckpoint(head, link.hash(), clock.instant(), seal.seal(head, link.hash()));
        return checkpoints.putIfAbsent(AuditCaches.key(head), checkpoint) == null;
    }
}
