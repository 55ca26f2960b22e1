package io.arbiter.privacy;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.arbiter.alerting.AlertStore;
import io.arbiter.audit.AuditTrail;

import io.arbiter.facts.CustomerFactsStore;
import io.arbiter.history.DecisionRecords;
import io.arbiter.ingestion.EventIngestion;

/**
 * The right to erasure: a customer's event log, facts, decisions with their history and change-feed items, and alerts
 * go.
 * Each store erases under the customer's lock, but not all three under one, so the order is what keeps work running
 * beside an erasure from writing back what it removed:
 * <ol>
 * <li>the event log first: facts are derived from it (event ingestion, the analytics refresh), so once it is gone no
 * derivation can write the customer's facts again from the erased events;</li>
 * <li>then the facts;</li>
 * <li>the decision records last: decisions are recorded from facts read earlier (a batch job, a recorded synchronous
 * evaluation), and every such write checks afterwards that its customers still have facts, erasing the records
 * again where they do not ({@link DecisionRecords#recordAll}). A write before this step is erased by it, a write
 * after it finds no facts;</li>
 * <li>then the alerts derived from those decisions' change-feed items: the derivation checks after each write that
 * the customers still have facts, erasing their alerts again where they do not.</li>
 * </ol>
 */
@ApplicationScoped
public class CustomerErasure {

    private static final Logger LOG = Logger.getLogger(CustomerErasure.class);

    private final EventIngestion events;
    private final CustomerFactsStore facts;
    private final DecisionRecords decisions;
    private final AlertStore alerts;
    private final LogMask mask;
    private final AuditTrail audit;

    CustomerErasure(EventIngestion events, CustomerFactsStore facts, DecisionRecords decisions, AlertStore alerts,
                    LogMask mask, AuditTrail audit) {
        this.alerts = alerts;
        this.audit = audit;
        this.events = events;
        this.facts = facts;
        this.decisions = decisions;
        this.mask = mask;
    }

    /**
     * Erases everything held about the customer and records the erasure in the audit chain under the customer's
     * pseudonym (the log mask's token): the chain proves the erasure happened without holding the id.
     */
    public void erase(String customerId, String actor) {
        events.erase(customerId);
        boolean existed = facts.remove(customerId);
        decisions.erase(customerId);
        alerts.erase(customerId);
        String pseudonym = mask.customer(customerId);
        audit.append(actor, "ERASE", "", 0, pseudonym + (existed ? ": facts, events, decisions and alerts removed"
                : ": no facts were held; events, decisions and alerts removed"));
        LOG.infof("erasure of %s (%s)", pseudonym, existed ? "data removed" : "nothing held");
    }
}
