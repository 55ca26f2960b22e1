package io.arbiter.analytics.clv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The CDNOW purchase logs in ../shared/datasets/cdnow (see its README), read as each customer's purchases. */
final class CdnowLog {

    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    static final Path DIRECTORY = Path.of("..", "shared", "datasets", "cdnow");

    private CdnowLog() {
    }

    /** The 1/10 sample, keyed by its sample id (the ID of cdnow_customers_summary.csv). */
    static Map<Integer, List<Purchase>> sample() {
        // master_id, sample_id, yyyymmdd, number_of_cds, dollar_value
        return read("CDNOW_sample.txt", false, 1, 2, 4);
    }

    /** The full log of 23,570 customers, keyed by customer id. */
    static Map<Integer, List<Purchase>> master() {
        // customer_id, yyyymmdd, number_of_cds, dollar_value; a header line
        return read("CDNOW_master.txt", true, 0, 1, 3);
    }

    static List<PurchaseHistorySummary> summaries(Map<Integer, List<Purchase>> purchases) {
        return purchases.values().stream()
                .map(log -> PurchaseHistories.summarise(log, CALIBRATION_END))
                .flatMap(Optional::stream)
                .toList();
    }

    static Path file(String name) {
        Path file = DIRECTORY.resolve(name);
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("CDNOW data file " + file.toAbsolutePath() + " is missing: the build "
                    + "expects the shared test data checked out as ../shared beside the project");
        }
        return file;
    }

    private static Map<Integer, List<Purchase>> read(String name, boolean header, int idColumn, int dayColumn,
                                                     int amountColumn) {
        Map<Integer, List<Purchase>> byCustomer = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(file(name));
            for (String line : lines.subList(header ? 1 : 0, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] columns = line.trim().split("\\s+");
                byCustomer.computeIfAbsent(Integer.parseInt(columns[idColumn]), id -> new ArrayList<>())
                        .add(new Purchase(LocalDate.parse(columns[dayColumn], DateTimeFormatter.BASIC_ISO_DATE),
                                new BigDecimal(columns[amountColumn])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byCustomer;
    }
}
