package io.arbiter.facts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.commons.CacheException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.config.ArbiterConfig;

/**
 * Streams an NDJSON body of facts documents into the store, line by line, never holding the whole body.
 * Each valid line is stored on its own; an invalid line is reported and skipped, never undoing the others.
 */
@ApplicationScoped
public class FactsImport {

    /** At most this many rejections are itemised; the rest are only counted. */
    static final int MAX_REPORTED_REJECTIONS = 1000;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rejection(long line, String customerId, String error) {
    }

    public record Report(long accepted, long rejectedCount, List<Rejection> rejected) {
    }

    /** The store failed part-way: lines before {@code failedLine} were handled as {@code partial} says, none after. */
    public static final class StoreFailed extends RuntimeException {
        private final transient Report partial;
        private final long failedLine;

        StoreFailed(Report partial, long failedLine, CacheException cause) {
            super("the store failed at line " + failedLine, cause);
            this.partial = partial;
            this.failedLine = failedLine;
        }

        public Report partial() {
            return partial;
        }

        public long failedLine() {
            return failedLine;
        }
    }

    private final CustomerFactsStore store;
    private final FactsParser parser;
    private final ObjectMapper mapper;
    private final int maxLineChars;

    FactsImport(CustomerFactsStore store, FactsParser parser, ObjectMapper mapper, ArbiterConfig config) {
        this.store = store;
        this.parser = parser;
        this.mapper = mapper;
        this.maxLineChars = config.maxImportLineChars();
    }

    public Report run(InputStream body) throws IOException {
        long accepted = 0;
        long rejectedCount = 0;
        List<Rejection> rejected = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024);
        BoundedLineReader lines = new BoundedLineReader(reader, maxLineChars);
        long lineNumber = 0;
        for (BoundedLineReader.Line line; (line = lines.next()) != null; ) {
            lineNumber++;
            if (!line.tooLong() && line.text().isBlank()) {
                continue;
            }
            Rejection rejection;
            try {
                rejection = importLine(lineNumber, line);
            } catch (CacheException storeFailure) {
                throw new StoreFailed(new Report(accepted, rejectedCount, rejected), lineNumber, storeFailure);
            }
            if (rejection == null) {
                accepted++;
            } else {
                rejectedCount++;
                if (rejected.size() < MAX_REPORTED_REJECTIONS) {
                    rejected.add(rejection);
                }
            }
        }
        return new Report(accepted, rejectedCount, rejected);
    }

    private Rejection importLine(long lineNumber, BoundedLineReader.Line line) {
        if (line.tooLong()) {
            return new Rejection(lineNumber, null, "line longer than " + maxLineChars + " characters");
        }
        JsonNode node;
        try {
            node = mapper.readTree(line.text());
        } catch (JsonProcessingException e) {
            return new Rejection(lineNumber, null, "malformed JSON: " + e.getOriginalMessage());
        }
        FactsParser.Result result = parser.parse(node);
        if (!result.valid()) {
            JsonNode id = node.get("customerId");
            String customerId = id != null && id.isTextual() && FactsParser.CUSTOMER_ID.matcher(id.textValue()).matches()
                    ? id.textValue() : null;
            return new Rejection(lineNumber, customerId, describe(result.errors()));
        }
        store.upsert(result.facts());
        return null;
    }

    private static String describe(List<FieldError> errors) {
        StringBuilder text = new StringBuilder();
        for (FieldError error : errors) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(error.pointer()).append(' ').append(error.message());
        }
        return text.toString();
    }
}
