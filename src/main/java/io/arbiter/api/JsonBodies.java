package io.arbiter.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.input.FieldError;

/** Reads a JSON request body under the configured size limit, turning every failure into a 4xx problem. */
@ApplicationScoped
public class JsonBodies {

    private final ObjectMapper mapper;
    private final long maxBytes;

    JsonBodies(ObjectMapper mapper, ArbiterConfig config) {
        this.mapper = mapper;
        this.maxBytes = config.maxJsonBytes();
    }

    public JsonNode read(InputStream body) {
        return read(body, maxBytes);
    }

    /** As {@link #read(InputStream)}, with a limit of its own (a decision-set bundle is larger than a request). */
    public JsonNode read(InputStream body, long maxBytes) {
        byte[] bytes;
        try {
            bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new ProblemException(Problem.of(400, "unreadable-body", "Unreadable body", e.getMessage()));
        }
        if (bytes.length > maxBytes) {
            throw ProblemException.tooLarge(maxBytes);
        }
        if (bytes.length == 0) {
            throw ProblemException.invalid("the body is empty; a JSON object is expected", List.of());
        }
        try {
            JsonNode node = mapper.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw ProblemException.invalid("the body must be a JSON object", List.of(new FieldError("", "must be a JSON object")));
            }
            return node;
        } catch (StreamConstraintsException e) {
            throw ProblemException.invalid("the JSON exceeds a limit: " + e.getOriginalMessage(), List.of());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw ProblemException.invalid("malformed JSON" + where + ": " + e.getOriginalMessage(), List.of());
        } catch (IOException e) {
            throw new ProblemException(Problem.of(400, "unreadable-body", "Unreadable body", e.getMessage()));
        }
    }
}
