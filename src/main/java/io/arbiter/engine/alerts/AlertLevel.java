package io.arbiter.engine.alerts;

/** How urgently an alert asks for attention, most urgent first. */
public enum AlertLevel {
    /** Act today: the customer has become a serious risk. */
    CRITICAL,
    /** Look at it soon: the outcome has worsened markedly. */
    WARNING,
    /** For information: worth knowing, no action expected. */
    INFO
}
