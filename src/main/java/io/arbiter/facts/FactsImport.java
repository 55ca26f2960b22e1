package io.arbiter.facts;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
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
 * Valid lines are stored in chunks of {@value #CHUNK}; an invalid line is reported and skipped, never undoing the
 * others. A store failure stops the import at the first line of the chunk it could not store.
 */
@ApplicationScoped
public class FactsImport {

    public record ImportedFacts(long accepted, long rejectedCount, List<Rejection> rejected) {
    }

    /** Documents stored together. */
    static final int CHUNK = 512;

    private final CustomerFactsStore store;
    private final FactsParser parser;
    private final ObjectMapper mapper;
    private final int maxLineBytes;

    FactsImport(CustomerFactsStore store, FactsParser parser, ObjectMapper mapper, ArbiterConfig config) {
        this.store = store;
        this.parser = parser;
        this.mapper = mapper;
        this.maxLineBytes = config.maxImportLineBytes();
    }

    public ImportedFacts run(InputStream body) throws IOException {
        Chunk chunk = new Chunk();
        NdjsonReader reader = new NdjsonReader(body, mapper, maxLineBytes);
        for (NdjsonReader.Entry entry; (entry = reader.next()) != null; ) {
            Rejection rejection = entry.rejection();
            FactsParser.Result result = null;
            if (rejection == null) {
                result = parser.parseForUpsert(entry.document());
                if (!result.valid()) {
                    JsonNode id = entry.document().get("customerId");
                    rejection = Rejection.of(entry.line(), id != null && id.isTextual() ? id.textValue() : null,
                            result.errors());
                }
            }
            if (rejection != null) {
                // stored lines before it first, so that rejections stay in line order
                chunk.store();
                chunk.rejections.add(rejection);
            } else if (chunk.add(entry.line(), result)) {
                chunk.store();
            }
        }
        chunk.store();
        return new ImportedFacts(chunk.accepted, chunk.rejections.count(), chunk.rejections.itemised());
    }

    /**
     * Valid documents waiting to be stored together: one lock request and one bulk write per chunk rather than per
     * line, which in a cluster is the difference between one round of requests per owner and several per customer.
     */
    private final class Chunk {
        private final List<FactsParser.Result> documents = new ArrayList<>(CHUNK);
        private final List<Long> lines = new ArrayList<>(CHUNK);
        private final Rejections rejections = new Rejections();
        private long accepted;

        /** True when the chunk is full. */
        boolean add(long line, FactsParser.Result document) {
            documents.add(document);
            lines.add(line);
            return documents.size() == CHUNK;
        }

        void store() {
            if (documents.isEmpty()) {
                return;
            }
            List<String> refusals;
            try {
                refusals = store.upsertAll(documents);
            } catch (CacheException storeFailure) {
                throw new StoreFailed(lines.get(0), accepted + " stored, " + rejections.count() + " rejected",
                        storeFailure);
            }
            for (int i = 0; i < refusals.size(); i++) {
                if (refusals.get(i) == null) {
                    accepted++;
                } else {
                    rejections.add(new Rejection(lines.get(i), documents.get(i).facts().customerId(), refusals.get(i)));
                }
            }
            documents.clear();
            lines.clear();
        }
    }
}
