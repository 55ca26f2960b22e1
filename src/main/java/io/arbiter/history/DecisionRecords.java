package io.arbiter.history;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.engine.CustomerDecision;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.store.Caches;
import io.arbiter.store.CustomerFactsCache;

/**
 * Stores decisions: each customer's latest decision per set, and a history entry plus a change-feed item only when
 * the outcome changed. Idempotent per batch job: a customer decided again by the same job (a segment re-processed
 * after a crash) replaces that job's entry, keeping its cursor, instead of adding another.
 */
@ApplicationScoped
public class DecisionRecords {

    /**
     * What recording did. {@code before} is the outcome before this decision (before the job, for a re-processed
     * customer; null for a first decision); {@code stale} when newer facts had already been decided and nothing changed.
     */
    public record Recorded(Outcome before, Outcome after, boolean changed, boolean stale) {
    }

    private final Cache<String, CustomerDecisionLog> logs;
    private final Cache<String, DecisionChange> changes;
    private final Cache<String, CustomerFacts> facts;
    private final ChangeSequence sequence;

    DecisionRecords(Caches caches, @CustomerFactsCache Cache<String, CustomerFacts> facts, ChangeSequence sequence) {
        this.logs = caches.customerDecisions();
        this.changes = caches.decisionChanges();
        this.facts = facts;
        this.sequence = sequence;
    }

    public Recorded record(CustomerDecision decision, long factsVersion, String jobId) {
        String customerId = decision.customerId();
        Outcome after = Outcome.of(decision);
        Recorded[] result = new Recorded[1];
        long[] cursors = new long[2]; // [0] written, [1] withdrawn
        try {
            logs.compute(customerId, (id, current) -> {
                CustomerDecisionLog log = current == null ? CustomerDecisionLog.empty(id) : current;
                LatestDecision previous = log.latestFor(decision.decisionSet());
                if (previous != null && previous.factsVersion() > factsVersion) {
                    result[0] = new Recorded(previous.outcome(), after, false, true);
                    return current;
                }
                HistoryEntry head = log.headFor(decision.decisionSet());
                boolean again = jobId != null && head != null && jobId.equals(head.jobId());
                Outcome before = again ? head.before() : previous == null ? null : previous.outcome();
                boolean changed = !after.equals(before);
                HistoryEntry added = null;
                if (changed) {
                    long cursor = again ? head.cursor() : sequence.next();
                    cursors[0] = cursor;
                    added = new HistoryEntry(cursor, decision.decisionSet(), decision.version(), before, after,
                            decision.evaluatedAt(), jobId);
                } else if (again) {
                    cursors[1] = head.cursor();
                }
                result[0] = new Recorded(before, after, changed, false);
                LatestDecision latest = new LatestDecision(decision.decisionSet(), decision.version(), after,
                        decision.evaluatedAt(), factsVersion, jobId);
                return log.with(latest, again ? head : null, added);
            });
            if (cursors[0] != 0) {
                Recorded r = result[0];
                changes.put(Long.toString(cursors[0]), new DecisionChange(cursors[0], customerId,
                        decision.decisionSet(), decision.version(), r.before(), r.after(), decision.evaluatedAt()));
            }
            if (cursors[1] != 0) {
                changes.remove(Long.toString(cursors[1]));
            }
        } finally {
            if (cursors[0] != 0) {
                sequence.written(cursors[0]);
            }
        }
        // An erasure that ran while this customer was being decided must not be undone by this write.
        if (!facts.containsKey(customerId)) {
            erase(customerId);
            if (cursors[0] != 0) {
                changes.remove(Long.toString(cursors[0]));
            }
        }
        return result[0];
    }

    /** The customer's history, newest first; empty when none is held. */
    public List<HistoryEntry> history(String customerId) {
        return Optional.ofNullable(logs.get(customerId)).map(CustomerDecisionLog::history).orElse(List.of());
    }

    /** The customer's latest decision per set. */
    public List<LatestDecision> latest(String customerId) {
        return Optional.ofNullable(logs.get(customerId)).map(CustomerDecisionLog::latest).orElse(List.of());
    }

    /** The latest decision of one set, or null. */
    public LatestDecision latest(String customerId, String decisionSet) {
        CustomerDecisionLog log = logs.get(customerId);
        return log == null ? null : log.latestFor(decisionSet);
    }

    /** Right to erasure: the customer's decisions, history and change-feed items go. */
    public void erase(String customerId) {
        CustomerDecisionLog removed = logs.remove(customerId);
        if (removed != null) {
            for (HistoryEntry entry : removed.history()) {
                changes.remove(Long.toString(entry.cursor()));
            }
        }
    }
}
