package io.arbiter.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.commons.CacheException;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.ndjson.NdjsonReader;
import io.arbiter.ndjson.Rejection;
import io.arbiter.ndjson.Rejections;
import io.arbiter.ndjson.StoreFailed;

/**
 * Streams an NDJSON body of events into the customers' logs. Valid events are gathered in chunks and each chunk is
 * ingested customer by customer, in parallel, one merge per customer: a customer with many events in a chunk costs
 * one write of the log and one of the facts, not one per event. An invalid line is reported and skipped.
 */
@ApplicationScoped
public class EventImport {

    /** Events per chunk: large enough to group a customer's events, small enough to bound memory. */
    static final int CHUNK_EVENTS = 4096;

    public record Report(long accepted, long duplicates, long rejectedCount, List<Rejection> rejected) {
    }

    private final EventIngestion ingestion;
    private final EventParser parser;
    private final ObjectMapper mapper;
    private final int maxLineChars;

    EventImport(EventIngestion ingestion, EventParser parser, ObjectMapper mapper, ArbiterConfig config) {
        this.ingestion = ingestion;
        this.parser = parser;
        this.mapper = mapper;
        this.maxLineChars = config.maxImportLineChars();
    }

    public Report run(InputStream body) throws IOException {
        Rejections rejections = new Rejections();
        long[] totals = new long[2];
        Map<String, List<CustomerEvent>> chunk = new HashMap<>();
        int chunkEvents = 0;
        long chunkFirstLine = 0;
        NdjsonReader reader = new NdjsonReader(body, mapper, maxLineChars);
        for (NdjsonReader.Entry entry; (entry = reader.next()) != null; ) {
            if (entry.rejection() != null) {
                rejections.add(entry.rejection());
                continue;
            }
            EventParser.Result parsed = parser.parse(entry.document());
            if (!parsed.valid()) {
                rejections.add(Rejection.of(entry.line(), parsed.customerId(), parsed.errors()));
                continue;
            }
            if (chunkEvents == 0) {
                chunkFirstLine = entry.line();
            }
            chunk.computeIfAbsent(parsed.customerId(), id -> new ArrayList<>()).add(parsed.event());
            if (++chunkEvents == CHUNK_EVENTS) {
                ingest(chunk, chunkFirstLine, totals, rejections);
                chunk.clear();
                chunkEvents = 0;
            }
        }
        if (chunkEvents > 0) {
            ingest(chunk, chunkFirstLine, totals, rejections);
        }
        return new Report(totals[0], totals[1], rejections.count(), rejections.itemised());
    }

    private void ingest(Map<String, List<CustomerEvent>> chunk, long firstLine, long[] totals, Rejections rejections) {
        try {
            EventIngestion.Outcome outcome = ingestion.ingestAll(chunk);
            totals[0] += outcome.accepted();
            totals[1] += outcome.duplicates();
        } catch (CacheException storeFailure) {
            throw new StoreFailed(firstLine, totals[0] + " accepted, " + totals[1] + " duplicates, "
                    + rejections.count() + " rejected; events of later lines may be stored too, a resend skips them",
                    storeFailure);
        }
    }
}
