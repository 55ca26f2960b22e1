package io.arbiter.engine.rules;

/** Where a recommended action is delivered. */
public enum ActionChannel {
    EMAIL, SMS, APP, CALL_CENTRE, BRANCH, ACCOUNT_MANAGER, BACK_OFFICE
}
