package io.arbiter.bundle;

/** What a bundle file is, as its manifest says: never inferred from its name when a manifest is present. */
public enum FileRole {
    MANIFEST("the manifest"),
    MODEL("a DMN model"),
    RULES("DRL rules"),
    /** DRL over a customer's previous and new outcome, raising alerts; checked against its own vocabulary. */
    ALERT_RULES("DRL alert rules"),
    SCENARIOS("a scenario suite");

    private final String description;

    FileRole(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
