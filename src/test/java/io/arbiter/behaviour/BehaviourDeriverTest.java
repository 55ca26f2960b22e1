package io.arbiter.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.arbiter.analytics.clv.PurchaseHistorySummary;
import io.arbiter.events.CustomerEvent;
import io.arbiter.events.EventLog;
import io.arbiter.events.EventType;
import io.arbiter.facts.EventBehaviour;
import io.arbiter.lifetimevalue.LifetimeValueScoring;

/** The purchase summaries the lifetime-value models are fitted on, as derived from an event log. */
class BehaviourDeriverTest {

    private static final LocalDate END = LocalDate.of(1997, 9, 30);
    private int ids;

    @Test
    void sameDayPurchasesAreOneTransactionAndTheFirstIsLeftOutOfTheSpend() {
        EventLog log = log(purchase("1997-01-01", "10.00"), purchase("1997-01-01", "5.00"),
                purchase("1997-01-15", "20.00"), purchase("1997-01-15", "4.00"), purchase("1997-03-01", "30.00"));
        PurchaseHistorySummary summary = LifetimeValueScoring.summaryAsOf(log, END).orElseThrow();
        assertEquals(2, summary.frequency());
        assertEquals(59 / 7.0, summary.recency(), 1e-12);
        assertEquals(272 / 7.0, summary.age(), 1e-12);
        assertEquals((24 + 30) / 2.0, summary.meanRepeatValue(), 1e-12);
    }

    @Test
    void onlyEventsUpToTheReferenceDateCount() {
        EventLog log = log(purchase("1997-02-01", "10"), purchase("1997-09-30", "7"), purchase("1997-10-01", "99"));
        PurchaseHistorySummary summary = LifetimeValueScoring.summaryAsOf(log, END).orElseThrow();
        assertEquals(1, summary.frequency());
        assertEquals(summary.age(), summary.recency(), 1e-12);
        assertEquals(7, summary.meanRepeatValue(), 1e-12);
        assertEquals(2, BehaviourDeriver.derive(log, END).summary().events());
    }

    @Test
    void aCustomerWithoutRepeatPurchasesHasZeroRecencyAndSpend() {
        EventLog log = log(purchase("1997-09-23", "12.5"), purchase("1997-09-23", "3"));
        assertEquals(new PurchaseHistorySummary(0, 0, 1, 0), LifetimeValueScoring.summaryAsOf(log, END).orElseThrow());
        assertNull(BehaviourDeriver.derive(log, END).summary().avgRepeatSpend());
    }

    @Test
    void aCustomerWhoBoughtNothingHasNoSummaryAndRecencyFromTheFirstEvent() {
        assertTrue(LifetimeValueScoring.summaryAsOf(log(), END).isEmpty());
        assertTrue(LifetimeValueScoring.summaryAsOf(log(purchase("1997-10-01", "5")), END).isEmpty());
        EventLog contactOnly = log(event(EventType.CONTACT, "1997-09-20", null));
        EventBehaviour behaviour = BehaviourDeriver.derive(contactOnly, END);
        assertEquals(10, behaviour.recencyDays());
        assertEquals(10, behaviour.lastContactDays());
        assertEquals(0, behaviour.frequency12m());
        assertEquals(BigDecimal.ZERO, behaviour.monetary12m());
    }

    @Test
    void refundsLowerTheTwelveMonthSpendButNeverBelowZero() {
        EventLog log = log(purchase("1997-09-01", "30"), event(EventType.REFUND, "1997-09-02", "50"),
                purchase("1996-01-01", "500"));
        assertEquals(BigDecimal.ZERO, BehaviourDeriver.derive(log, END).monetary12m());
        assertEquals(1, BehaviourDeriver.derive(log, END).frequency12m());
    }

    @Test
    void theOrderOfDeliveryDoesNotMatter() {
        List<CustomerEvent> events = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            EventType type = EventType.values()[random.nextInt(EventType.values().length)];
            events.add(event(type, LocalDate.of(1997, 1, 1).plusDays(random.nextInt(400)).toString(),
                    type.money() ? BigDecimal.valueOf(random.nextInt(10_000), 2).toPlainString() : null));
        }
        EventBehaviour inOrder = BehaviourDeriver.derive(EventLog.empty("c").merge(events).log(), END);
        Collections.shuffle(events, random);
        EventLog shuffled = EventLog.empty("c").merge(events.subList(0, 120)).log().merge(events).log();
        assertEquals(inOrder, BehaviourDeriver.derive(shuffled, END));
    }

    private static EventLog log(CustomerEvent... events) {
        return EventLog.empty("c").merge(List.of(events)).log();
    }

    private CustomerEvent purchase(String day, String amount) {
        return event(EventType.PURCHASE, day, amount);
    }

    private CustomerEvent event(EventType type, String day, String amount) {
        LocalDate date = LocalDate.parse(day);
        return new CustomerEvent("e" + ids++, type, date.atTime(12, 0).toInstant(ZoneOffset.UTC), date,
                amount == null ? null : new BigDecimal(amount), null);
    }
}
