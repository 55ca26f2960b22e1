package io.arbiter.engine;

import io.arbiter.engine.alerts.AlertLevel;

/** An alert a set's alert rules raised on an outcome change: the rule that raised it, its level, code and message. */
public record RaisedAlert(String rule, AlertLevel level, String code, String message) {
}
