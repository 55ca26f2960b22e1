package io.arbiter.history;

import java.util.ArrayList;
import java.util.List;

import org.infinispan.protostream.annotations.Proto;

/**
 * Everything stored about one customer's decisions, in one cache entry so that an update is one atomic write and
 * an erasure one remove: the latest decision per decision set and the history of changes, newest first, hash-chained
 * from {@code anchor} (the hash of the last entry retention removed; null: the start of the history).
 */
@Proto
public record CustomerDecisionLog(String customerId, List<LatestDecision> latest, List<HistoryEntry> history,
                                  String anchor) {

    static CustomerDecisionLog empty(String customerId) {
        return new CustomerDecisionLog(customerId, List.of(), List.of(), null);
    }

    LatestDecision latestFor(String decisionSet) {
        return latest.stream().filter(l -> l.decisionSet().equals(decisionSet)).findFirst().orElse(null);
    }

    /** The newest history entry of the set, or null. */
    HistoryEntry headFor(String decisionSet) {
        return history.stream().filter(h -> h.decisionSet().equals(decisionSet)).findFirst().orElse(null);
    }

    CustomerDecisionLog with(LatestDecision decision, HistoryEntry replaced, HistoryEntry added) {
        List<LatestDecision> newLatest = new ArrayList<>(latest.size() + 1);
        newLatest.add(decision);
        latest.stream().filter(l -> !l.decisionSet().equals(decision.decisionSet())).forEach(newLatest::add);
        List<HistoryEntry> newHistory = new ArrayList<>(history.size() + 1);
        if (added != null) {
            newHistory.add(added);
        }
        history.stream().filter(h -> h != replaced).forEach(newHistory::add);
        return new CustomerDecisionLog(customerId, List.copyOf(newLatest), List.copyOf(newHistory), anchor);
    }
}
