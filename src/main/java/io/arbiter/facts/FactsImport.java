package io.arbiter.facts;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.commons.CacheException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.ndjson.NdjsonReader;
import io.arbiter.ndjson.Rejection;
import io.arbiter.ndjson.Rejections;
import io.arbiter.ndjson.StoreFailed;

/**
 * Streams an NDJSON body of facts documents into the store, line by line, never holding the whole body.
 * Each valid line is stored on its own; an invalid line is reported and skipped, never undoing the others.
 */
@ApplicationScoped
public class FactsImport {

    public record ImportedFacts(long accepted, long rejectedCount, List<Rejection> rejected) {
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

    public ImportedFacts run(InputStream body) throws IOException {
        long accepted = 0;
        Rejections rejections = new Rejections();
        NdjsonReader reader = new NdjsonReader(body, mapper, maxLineChars);
        for (NdjsonReader.Entry entry; (entry = reader.next()) != null; ) {
            Rejection rejection;
            try {
                rejection = entry.rejection() != null ? entry.rejection() : importDocument(entry.line(), entry.document());
            } catch (CacheException storeFailure) {
                throw new StoreFailed(entry.line(), accepted + " stored, " + rejections.count() + " rejected", storeFailure);
            }
            if (rejection == null) {
                accepted++;
            } else {
                rejections.add(rejection);
            }
        }
        return new ImportedFacts(accepted, rejections.count(), rejections.itemised());
    }

    private Rejection importDocument(long line, JsonNode node) {
        FactsParser.Result result = parser.parseForUpsert(node);
        if (!result.valid()) {
            JsonNode id = node.get("customerId");
            return Rejection.of(line, id != null && id.isTextual() ? id.textValue() : null, result.errors());
        }
        try {
            store.upsert(result);
        } catch (CustomerFactsStore.BehaviourRequired missing) {
            return new Rejection(line, result.facts().customerId(), missing.getMessage());
        }
        return null;
    }
}
