package io.arbiter.engine;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which side of a rollout decided a customer: the active version (champion) or the version rolled out (challenger). */
public enum Arm {
    CHAMPION, CHALLENGER;

    /** As responses, the history and metric labels write it. */
    @JsonValue
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
