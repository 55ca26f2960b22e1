package io.arbiter.bench;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import io.arbiter.lifetimevalue.LifetimeValueScoring;
import io.arbiter.analytics.clv.BgNbdFit;
import io.arbiter.analytics.clv.BgNbdFitter;
import io.arbiter.analytics.clv.ClvHorizon;
import io.arbiter.analytics.clv.GammaGammaFit;
import io.arbiter.analytics.clv.GammaGammaFitter;
import io.arbiter.analytics.clv.LifetimeValueModel;
import io.arbiter.analytics.clv.PurchaseHistorySummary;
import io.arbiter.events.CustomerEvent;
import io.arbiter.events.EventLog;
import io.arbiter.events.EventType;

/**
 * The lifetime-value fits on the full CDNOW purchase log (../shared/datasets/cdnow/CDNOW_master.txt, 23,570 customers,
 * calibration ending 1997-09-30): aggregating every customer's log into a summary, and each model's
 * maximum-likelihood fit on those summaries, and every customer's forecast. Average-time mode gives the warmed-up cost; single-shot mode with several
 * forks gives the first fit in a fresh JVM, as a fit job in a service that has not fitted before runs it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ClvFitBenchmark {

    private static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);
    private static final Path MASTER = Path.of("..", "shared", "datasets", "cdnow", "CDNOW_master.txt");

    private List<EventLog> logs;
    private List<PurchaseHistorySummary> summaries;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        logs = readMaster();
        summaries = summarise();
    }

    /** The fitted parameters, reported after measuring so a single-shot run times a fit in a JVM that never fitted. */
    @TearDown(Level.Trial)
    public void report() {
        System.out.println("\n" + summaries.size() + " customers; " + fitBgNbd() + "; " + fitGammaGamma());
    }

    @Benchmark
    public List<PurchaseHistorySummary> summarise() {
        return logs.stream()
                .map(log -> LifetimeValueScoring.summaryAsOf(log, CALIBRATION_END))
                .flatMap(Optional::stream)
                .toList();
    }

    @Benchmark
    public BgNbdFit fitBgNbd() {
        return BgNbdFitter.fit(summaries);
    }

    @Benchmark
    public GammaGammaFit fitGammaGamma() {
        return GammaGammaFitter.fit(summaries);
    }

    /** Every customer's forecast over 12 months at 10% a year, from models fitted on the same log. */
    @Benchmark
    public double forecastAll(Fitted fitted) {
        double total = 0;
        for (PurchaseHistorySummary customer : summaries) {
            total += fitted.model.forecast(customer, fitted.horizon).clv();
        }
        return total;
    }

    /** Fitted models for the forecast benchmark only, so the fit benchmarks start from a JVM that never fitted. */
    @State(Scope.Benchmark)
    public static class Fitted {

        LifetimeValueModel model;
        final ClvHorizon horizon = new ClvHorizon(12, 0.10);

        @Setup(Level.Trial)
        public void fit(ClvFitBenchmark benchmark) {
            model = new LifetimeValueModel(benchmark.fitBgNbd().parameters(),
                    benchmark.fitGammaGamma().parameters());
        }
    }

    /** customer_id, yyyymmdd, number_of_cds, dollar_value after a header line. */
    private static List<EventLog> readMaster() throws IOException {
        if (!Files.isReadable(MASTER)) {
            throw new IllegalStateException(MASTER.toAbsolutePath() + " is missing: run from the project directory "
                    + "with the shared test data checked out as ../shared");
        }
        Map<String, List<CustomerEvent>> byCustomer = new HashMap<>();
        List<String> lines = Files.readAllLines(MASTER);
        for (int number = 1; number < lines.size(); number++) {
            String[] columns = lines.get(number).trim().split("\\s+");
            LocalDate day = LocalDate.parse(columns[1], DateTimeFormatter.BASIC_ISO_DATE);
            byCustomer.computeIfAbsent(columns[0], id -> new ArrayList<>()).add(new CustomerEvent("line-" + number,
                    EventType.PURCHASE, day.atTime(12, 0).toInstant(ZoneOffset.UTC), day, new BigDecimal(columns[3]), null));
        }
        List<EventLog> logs = new ArrayList<>();
        byCustomer.forEach((id, events) -> logs.add(EventLog.empty(id).merge(events).log()));
        return logs;
    }
}
