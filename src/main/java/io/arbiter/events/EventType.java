package io.arbiter.events;

/**
 * What happened to a customer. Money events carry an amount in the reporting currency. Stored logs name a type by
 * its position ({@link PackedEvents}): add new types at the end.
 */
public enum EventType {
    PURCHASE(true), REFUND(true), PAYMENT(true), MISSED_PAYMENT(true), CHARGEBACK(true), COMPLAINT(false), CONTACT(false);

    private final boolean money;

    EventType(boolean money) {
        this.money = money;
    }

    public boolean money() {
        return money;
    }
}
