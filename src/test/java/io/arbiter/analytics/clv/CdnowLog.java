package io.arbiter.analytics.clv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.arbiter.lifetimevalue.LifetimeValueScoring;
import io.arbiter.events.CustomerEvent;
import io.arbiter.events.EventLog;
import io.arbiter.events.EventType;

/**
 * The CDNOW purchase logs in ../shared/datasets/cdnow (see its README), read as each customer's event log of
 * purchases, so that the summaries come from the same derivation the service applies to its stored logs.
 */
final class CdnowLog {

    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final Path DIRECTORY = Path.of("..", "shared", "datasets", "cdnow");

    private CdnowLog() {
    }

    /** The 1/10 sample, keyed by its sample id (the ID of cdnow_customers_summary.csv). */
    static Map<Integer, EventLog> sample() {
        // master_id, sample_id, yyyymmdd, number_of_cds, dollar_value
        return read("CDNOW_sample.txt", false, 1, 2, 4);
    }

    /** The full log of 23,570 customers, keyed by customer id. */
    static Map<Integer, EventLog> master() {
        // customer_id, yyyymmdd, number_of_cds, dollar_value; a header line
        return read("CDNOW_master.txt", true, 0, 1, 3);
    }

    static List<PurchaseHistorySummary> summaries(Map<Integer, EventLog> purchases) {
        return purchases.values().stream()
                .map(CdnowLog::summary)
                .flatMap(Optional::stream)
                .toList();
    }

    static Optional<PurchaseHistorySummary> summary(EventLog log) {
        return LifetimeValueScoring.summaryAsOf(log, CALIBRATION_END);
    }

    static Path file(String name) {
        Path file = DIRECTORY.resolve(name);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("CDNOW data file " + file.toAbsolutePath() + " is missing: the build "
                    + "expects the shared test data checked out as ../shared beside the project");
        }
        return file;
    }

    private static Map<Integer, EventLog> read(String name, boolean header, int idColumn, int dayColumn,
                                                     int amountColumn) {
        Map<Integer, List<CustomerEvent>> byCustomer = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(file(name));
            for (int number = header ? 1 : 0; number < lines.size(); number++) {
                String line = lines.get(number);
                if (line.isBlank()) {
                    continue;
                }
                String[] columns = line.trim().split("\\s+");
                LocalDate day = LocalDate.parse(columns[dayColumn], DateTimeFormatter.BASIC_ISO_DATE);
                byCustomer.computeIfAbsent(Integer.parseInt(columns[idColumn]), id -> new ArrayList<>())
                        .add(purchase("line-" + number, day,
                                new BigDecimal(columns[amountColumn])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Integer, EventLog> logs = new LinkedHashMap<>();
        byCustomer.forEach((id, events) -> logs.put(id, EventLog.empty(Integer.toString(id)).merge(events).log()));
        return logs;
    }

    static CustomerEvent purchase(String eventId, LocalDate day, BigDecimal amount) {
        return new CustomerEvent(eventId, EventType.PURCHASE, day.atTime(12, 0).toInstant(ZoneOffset.UTC), day, amount,
                null);
    }
}
