package io.arbiter.api;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.arbiter.input.CustomerIds;
import io.arbiter.input.FieldError;

/**
 * What the customer endpoints share (facts, events, stored decisions): the customer id in their path, checked the
 * same way by each, a document's own customer id against it, and the media type of the bulk imports.
 */
final class CustomerEndpoints {

    static final String NDJSON = "application/x-ndjson";

    private CustomerEndpoints() {
    }

    static void requireValidId(String customerId) {
        if (!CustomerIds.valid(customerId)) {
            throw ProblemException.invalid("the customer id in the path is not valid",
                    List.of(new FieldError("customerId", CustomerIds.RULE)));
        }
    }

    /** The document with the path's customer id; one that names another customer is refused. */
    static ObjectNode withPathCustomerId(ObjectNode document, String customerId) {
        JsonNode bodyId = document.get("customerId");
        if (bodyId == null) {
            document.put("customerId", customerId);
        } else if (!(bodyId.isTextual() && bodyId.textValue().equals(customerId))) {
            throw ProblemException.invalid("customerId in the body differs from the one in the path",
                    List.of(new FieldError("/customerId", "must equal the path's customer id")));
        }
        return document;
    }
}
