package io.arbiter.alerting;

/** An alert can be acknowledged once; this one was, by {@link #alert()}'s acknowledgedBy. */
public class AlreadyAcknowledgedException extends RuntimeException {

    private final transient StoredAlert alert;

    AlreadyAcknowledgedException(StoredAlert alert) {
        super("alert " + alert.id() + " was acknowledged by " + alert.acknowledgedBy() + " at "
                + alert.acknowledgedAt(), null, false, false);
        this.alert = alert;
    }

    public StoredAlert alert() {
        return alert;
    }
}
