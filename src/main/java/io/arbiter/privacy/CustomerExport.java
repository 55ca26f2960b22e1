package io.arbiter.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.alerting.AlertStore;
import io.arbiter.alerting.StoredAlert;
import io.arbiter.audit.AuditTrail;
import io.arbiter.config.ArbiterConfig;
import io.arbiter.deciding.SynchronousDecisions;
import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.CustomerSets;
import io.arbiter.events.CustomerEvent;
import io.arbiter.events.StoredEventLog;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.history.DecisionRecords;
import io.arbiter.history.HistoryEntry;
import io.arbiter.history.LatestDecision;

/**
 * Everything held about one customer, in one document, for a data subject's request of access (GDPR art. 15, PIPL
 * art. 45): the facts with their consent, the event log, the stored decisions with the versions that made them and
 * the history of changes, the alerts raised on those changes, and how the active versions decide the customer now, with the explanation of what fired
 * (the logic involved, art. 15(1)(h)). Each export is a link of the audit chain, under the customer's pseudonym.
 */
@ApplicationScoped
public class CustomerExport {

    /** The export; {@code currentDecisions} are computed now, not stored, and say so. */
    public record ExportedCustomer(String customerId, Instant exportedAt, CustomerFacts facts, List<CustomerEvent> events,
                                   List<LatestDecision> latestDecisions, List<HistoryEntry> decisionHistory,
                                   List<StoredAlert> alerts, List<CustomerDecision> currentDecisions, String note) {
    }

    private static final String NOTE = "facts, events, latestDecisions, decisionHistory and alerts are what is stored;"
            + " currentDecisions are how the active versions decide on the stored facts now, with what fired, and are"
            + " not stored by this export";

    private final CustomerFactsStore facts;
    private final Cache<String, StoredEventLog> events;
    private final DecisionRecords decisions;
    private final AlertStore alerts;
    private final ActiveDecisionSets active;
    private final SynchronousDecisions deciding;
    private final AuditTrail audit;
    private final LogMask mask;
    private final Clock clock;
    private final String defaultSet;

    CustomerExport(CustomerFactsStore facts, Cache<String, StoredEventLog> events, DecisionRecords decisions,
                   AlertStore alerts, ActiveDecisionSets active, SynchronousDecisions deciding, AuditTrail audit, LogMask mask,
                   Clock clock, ArbiterConfig config) {
        this.facts = facts;
        this.events = events;
        this.decisions = decisions;
        this.alerts = alerts;
        this.active = active;
        this.deciding = deciding;
        this.audit = audit;
        this.mask = mask;
        this.clock = clock;
        this.defaultSet = config.defaultDecisionSet();
    }

    /** The export, or empty when nothing at all is held about the customer. */
    public Optional<ExportedCustomer> export(String customerId, String actor) {
        Optional<CustomerFacts> held = facts.find(customerId);
        StoredEventLog log = events.get(customerId);
        List<CustomerEvent> eventList = log == null ? List.of() : log.log().events();
        List<LatestDecision> latest = decisions.latest(customerId);
        List<HistoryEntry> history = decisions.history(customerId);
        List<StoredAlert> raised = alerts.forCustomer(customerId);
        if (held.isEmpty() && eventList.isEmpty() && latest.isEmpty() && history.isEmpty() && raised.isEmpty()) {
            return Optional.empty();
        }
        Set<String> sets = new LinkedHashSet<>();
        sets.add(defaultSet);
        latest.forEach(decision -> sets.add(decision.decisionSet()));
        // a customer known only from events has no decision yet: the export still holds everything else
        List<CustomerDecision> current = held.isEmpty() || !held.get().hasProfile() ? List.of() : sets.stream()
                .map(active::live).flatMap(Optional::stream).filter(live -> CustomerSets.decidesCustomers(live.champion()))
                .map(live -> live.route(customerId))
                // the version that decides the customer now, as a preview: not counted as a live decision
                .map(route -> deciding.decide(route.set(), held.get()).withArm(route.arm())).toList();
        audit.append(actor, "EXPORT", "", 0, mask.customer(customerId) + ": everything held, for the data subject");
        return Optional.of(new ExportedCustomer(customerId, clock.instant(), held.orElse(null), eventList, latest,
                history, raised, current, NOTE));
    }
}
