package io.arbiter.history;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.AdvancedCache;
import org.infinispan.Cache;
import org.infinispan.context.Flag;


import io.arbiter.engine.CustomerDecision;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.store.CustomerLocks;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.PrimaryKeys;
import io.arbiter.facts.CustomerFactsCache;

/**
 * Stores decisions: each customer's latest decision per set, and a history entry plus a change-feed item only when
 * the outcome changed. Idempotent per batch job: a customer decided again by the same job (a segment re-processed
 * after a crash) replaces that job's entry, keeping its cursor, instead of adding another. A batch records many
 * customers with one bulk read and one bulk write (a RocksDB write batch); the customers' stripes of
 * {@link CustomerLocks} on this node keep that read-modify-write atomic against a synchronous evaluation of the same customer.
 */
@ApplicationScoped
public class DecisionRecords {

    /**
     * What recording did. {@code before} is the outcome before this decision (before the job, for a re-processed
     * customer; null for a first decision); {@code stale} when newer facts had already been decided and nothing changed.
     */
    public record Recorded(DecisionOutcome before, DecisionOutcome after, boolean changed, boolean stale) {
    }

    /** A decision to record, made on the facts stored at {@code factsVersion}. */
    public record Pending(CustomerDecision decision, long factsVersion) {
    }

    private final Cache<String, CustomerDecisionLog> logs;
    /** Reads of the logs: from the heap alone when every log is held there (preloaded, never evicted). */
    private final AdvancedCache<String, CustomerDecisionLog> reads;
    private final Cache<String, DecisionChange> changes;
    private final Cache<String, CustomerFacts> facts;
    private final ChangeSequence sequence;
    private final CustomerLocks locks;
    private final HistoryChain chain;

    DecisionRecords(HistoryCaches caches, @CustomerFactsCache Cache<String, CustomerFacts> facts, ChangeSequence sequence,
                    CustomerLocks locks, HistoryChain chain) {
        this.locks = locks;
        this.chain = chain;
        this.logs = caches.customerDecisions();
        this.reads = DurableCaches.preloaded(logs)
                ? logs.getAdvancedCache().withFlags(Flag.SKIP_CACHE_LOAD) : logs.getAdvancedCache();
        this.changes = caches.decisionChanges();
        this.facts = facts;
        this.sequence = sequence;
    }

    public Recorded record(CustomerDecision decision, long factsVersion, String jobId) {
        return recordAll(List.of(new Pending(decision, factsVersion)), jobId).get(0);
    }

    /** Records the decisions (at most one per customer), in the order given. */
    public List<Recorded> recordAll(List<Pending> pending, String jobId) {
        if (pending.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new HashSet<>();
        for (Pending p : pending) {
            ids.add(p.decision().customerId());
        }
        return locks.withLocks(ids, () -> recordLocked(pending, ids, jobId));
    }

    private List<Recorded> recordLocked(List<Pending> pending, Set<String> ids, String jobId) {
        List<Recorded> results = new ArrayList<>(pending.size());
        try (ChangeSequence.Lease cursors = sequence.lease(pending.size())) {
            Map<String, CustomerDecisionLog> current = ids.size() == 1
                    ? single(ids.iterator().next())
                    : reads.getAll(ids);
            Map<String, CustomerDecisionLog> updated = new LinkedHashMap<>();
            Map<String, DecisionChange> items = new HashMap<>();
            Set<String> withdrawn = new HashSet<>();
            for (Pending p : pending) {
                String id = p.decision().customerId();
                Update update = update(current.get(id), p, jobId, cursors);
                results.add(update.recorded());
                if (update.log() != null) {
                    updated.put(id, update.log());
                }
                if (update.item() != null) {
                    items.put(Long.toString(update.item().cursor()), update.item());
                }
                if (update.withdrawn() != 0) {
                    withdrawn.add(Long.toString(update.withdrawn()));
                }
            }
            // The history first: a crash before the feed items is repaired when the job re-decides the customer
            // (same cursor); the other order could leave a feed item the history does not know.
            putAll(logs, updated);
            putAll(changes, items);
            withdrawn.forEach(changes::remove);
            // An erasure that ran while these customers were being decided must not be undone by this write.
            for (String id : updated.keySet()) {
                if (!facts.containsKey(id)) {
                    erase(id);
                }
            }
        }
        return results;
    }

    private Map<String, CustomerDecisionLog> single(String id) {
        CustomerDecisionLog log = reads.get(id);
        return log == null ? Map.of() : Map.of(id, log);
    }

    /** Writes without reading what was there: the values were just computed from what this node read. */
    private static <V> void putAll(Cache<String, V> target, Map<String, V> entries) {
        AdvancedCache<String, V> cache = target.getAdvancedCache().withFlags(Flag.IGNORE_RETURN_VALUES, Flag.SKIP_CACHE_LOAD);
        if (entries.size() == 1) {
            Map.Entry<String, V> entry = entries.entrySet().iterator().next();
            cache.put(entry.getKey(), entry.getValue());
        } else if (!entries.isEmpty()) {
            cache.putAll(entries);
        }
    }

    /** One customer's new log (null: unchanged), feed item to write and cursor to withdraw (0: none). */
    private record Update(CustomerDecisionLog log, Recorded recorded, DecisionChange item, long withdrawn) {
    }

    private Update update(CustomerDecisionLog current, Pending pending, String jobId, ChangeSequence.Lease cursors) {
        CustomerDecision decision = pending.decision();
        String set = decision.decisionSet();
        CustomerDecisionLog log = current == null ? CustomerDecisionLog.empty(decision.customerId()) : current;
        DecisionOutcome after = DecisionOutcome.of(decision);
        LatestDecision previous = log.latestFor(set);
        if (previous != null && previous.factsVersion() > pending.factsVersion()) {
            return new Update(null, new Recorded(previous.outcome(), after, false, true), null, 0);
        }
        HistoryEntry head = log.headFor(set);
        boolean again = jobId != null && head != null && jobId.equals(head.jobId());
        DecisionOutcome before = again ? head.before() : previous == null ? null : previous.outcome();
        boolean changed = !after.equals(before);
        HistoryEntry added = null;
        DecisionChange item = null;
        String arm = decision.arm() == null ? null : decision.arm().label();
        if (changed) {
            long cursor = again ? head.cursor() : cursors.next();
            added = new HistoryEntry(cursor, set, decision.version(), before, after, decision.evaluatedAt(), jobId, null, arm);
            item = new DecisionChange(cursor, decision.customerId(), set, decision.version(), before, after,
                    decision.evaluatedAt(), arm);
        }
        LatestDecision latest = new LatestDecision(set, decision.version(), after, decision.evaluatedAt(),
                pending.factsVersion(), jobId, arm);
        return new Update(chain.link(log, log.with(latest, again ? head : null, added)),
                new Recorded(before, after, changed, false),
                item, again && !changed ? head.cursor() : 0);
    }

    /** The customer's history, newest first; empty when none is held. */
    public List<HistoryEntry> history(String customerId) {
        return Optional.ofNullable(reads.get(customerId)).map(CustomerDecisionLog::history).orElse(List.of());
    }

    /** The customer's latest decision per set. */
    public List<LatestDecision> latest(String customerId) {
        return Optional.ofNullable(reads.get(customerId)).map(CustomerDecisionLog::latest).orElse(List.of());
    }

    /** The latest decision of one set for each of the customers that has one, by customer id. */
    public Map<String, LatestDecision> latest(Set<String> customerIds, String decisionSet) {
        Map<String, LatestDecision> latest = new HashMap<>();
        reads.getAll(customerIds).forEach((id, log) -> {
            LatestDecision decision = log.latestFor(decisionSet);
            if (decision != null) {
                latest.put(id, decision);
            }
        });
        return latest;
    }

    /**
     * Retention: history entries decided before {@code cutoff} leave each customer's log (the latest decision per set
     * stays), each log rewritten under its customer's lock. This node's primary share only. Answers how many went.
     */
    public long pruneHistory(Instant cutoff) {
        long pruned = 0;
        for (String customerId : PrimaryKeys.of(logs)) {
            pruned += locks.withLock(customerId, () -> {
                CustomerDecisionLog log = reads.get(customerId);
                if (log == null) {
                    return 0L;
                }
                // the oldest entries, as one run from the end, so that the chain keeps its order; the newest of them
                // becomes the anchor the oldest entry kept is linked to
                List<HistoryEntry> history = log.history();
                int keep = history.size();
                while (keep > 0 && history.get(keep - 1).at().isBefore(cutoff)) {
                    keep--;
                }
                if (keep < history.size()) {
                    logs.put(customerId, new CustomerDecisionLog(customerId, log.latest(),
                            List.copyOf(history.subList(0, keep)), history.get(keep).hash()));
                }
                return (long) (history.size() - keep);
            });
        }
        return pruned;
    }

    /** Retention: change-feed items written before {@code cutoff} go; this node's primary share. */
    public long pruneFeed(Instant cutoff) {
        long pruned = 0;
        for (String cursor : PrimaryKeys.of(changes)) {
            DecisionChange item = changes.get(cursor);
            if (item != null && item.at().isBefore(cutoff) && changes.remove(cursor, item)) {
                pruned++;
            }
        }
        return pruned;
    }

    /**
     * Checks every customer's history chain (read through the cluster); the first customer whose history does not
     * verify, with the cursor of the entry where it breaks.
     */
    public HistoryReport verify() {
        long customers = 0;
        long entries = 0;
        HistoryReport.Break first = null;
        for (CustomerDecisionLog log : logs.values()) {
            customers++;
            entries += log.history().size();
            java.util.OptionalInt broken = chain.firstBreak(log);
            if (broken.isPresent() && first == null) {
                first = new HistoryReport.Break(log.customerId(), log.history().get(broken.getAsInt()).cursor(),
                        "the entry or one before it was altered, or an entry was removed from the middle");
            }
        }
        return new HistoryReport(first == null, customers, entries, first);
    }

    /** Right to erasure: the customer's decisions, history and change-feed items go. */
    public void erase(String customerId) {
        locks.withLock(customerId, () -> {
            CustomerDecisionLog removed = logs.remove(customerId);
            if (removed != null) {
                for (HistoryEntry entry : removed.history()) {
                    changes.remove(Long.toString(entry.cursor()));
                }
            }
            return removed;
        });
    }
}
