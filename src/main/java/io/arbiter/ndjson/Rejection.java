package io.arbiter.ndjson;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.arbiter.input.FieldError;
import io.arbiter.input.CustomerIds;

/** A line of an NDJSON import that was not stored, and why; the customer id only when the line gave a valid one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejection(long line, String customerId, String error) {

    /** A rejection for the parser's errors, naming the customer when the document's customerId is valid. */
    public static Rejection of(long line, String customerId, List<FieldError> errors) {
        StringBuilder text = new StringBuilder();
        for (FieldError error : errors) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(error.pointer()).append(' ').append(error.message());
        }
        String shownId = customerId != null && CustomerIds.valid(customerId) ? customerId : null;
        return new Rejection(line, shownId, text.toString());
    }
}
