package io.arbiter.decisionevents;

import java.util.List;

/** The data of a {@code DecisionResponseError}: why, in a sentence, and the messages behind it (may be empty). */
public record ErrorData(ErrorType type, String details, List<String> messages) {

    public ErrorData {
        messages = List.copyOf(messages);
    }
}
