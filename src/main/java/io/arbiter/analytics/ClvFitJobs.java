package io.arbiter.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.infinispan.Cache;
import org.jboss.logging.Logger;

import io.arbiter.analytics.clv.BgNbdFit;
import io.arbiter.analytics.clv.BgNbdFitter;
import io.arbiter.analytics.clv.GammaGammaFit;
import io.arbiter.analytics.clv.GammaGammaFitter;
import io.arbiter.analytics.clv.PurchaseHistorySummary;
import io.arbiter.behaviour.ReferenceDate;
import io.arbiter.events.StoredEventLog;
import io.arbiter.input.FieldError;
import io.arbiter.input.InvalidInputException;
import io.arbiter.input.NotFoundException;
import io.arbiter.lifetimevalue.LifetimeValueScoring;
import io.arbiter.lifetimevalue.FitStore;
import io.arbiter.lifetimevalue.StoredFit;
import io.arbiter.lifetimevalue.FitStatus;
import io.quarkus.runtime.StartupEvent;

/**
 * Fits BG/NBD and Gamma-Gamma by maximum likelihood on the purchase histories in the event logs, one fit at a time
 * in the background. Each customer's history is cut at the calibration end and summarised by the same derivation
 * that keeps the facts current. A completed fit becomes the current one and an analytics refresh then forecasts
 * every customer with it. A fit cut short by a restart is marked failed at the next start.
 */
@ApplicationScoped
public class ClvFitJobs {

    private static final Logger LOG = Logger.getLogger(ClvFitJobs.class);

    private final FitStore fits;
    private final Cache<String, StoredEventLog> logs;
    private final AnalyticsRefresh refresh;
    private final ReferenceDate referenceDate;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "clv-fit");
        thread.setDaemon(true);
        return thread;
    });

    ClvFitJobs(FitStore fits, Cache<String, StoredEventLog> logs, AnalyticsRefresh refresh, ReferenceDate referenceDate,
               Clock clock) {
        this.fits = fits;
        this.logs = logs;
        this.refresh = refresh;
        this.referenceDate = referenceDate;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        fits.restoreCurrentRecord();
        for (StoredFit fit : fits.all()) {
            if (fit.status() == FitStatus.RUNNING) {
                fits.save(fit.failed("interrupted by a restart of the service; ask for a new fit", null));
            }
        }
    }

    /**
     * Starts a fit on the purchases up to {@code calibrationEnd}, which may not be after the reference date: the
     * facts know nothing later. Errors point at the fit request's field.
     */
    public StoredFit start(LocalDate calibrationEnd, String requestedBy) {
        if (calibrationEnd == null) {
            throw new InvalidInputException("calibrationEnd is required",
                    List.of(new FieldError("/calibrationEnd", "is required")));
        }
        LocalDate today = referenceDate.today();
        if (calibrationEnd.isAfter(today)) {
            throw new InvalidInputException("calibrationEnd is after the reference date " + today,
                    List.of(new FieldError("/calibrationEnd", "must not be after " + today)));
        }
        StoredFit fit = StoredFit.running(fits.nextId(), calibrationEnd, requestedBy, clock.instant());
        fits.save(fit);
        worker.execute(() -> run(fit));
        return fit;
    }

    /** The fit by its id as the API shows it (a number); a {@link NotFoundException} for any other. */
    public StoredFit find(String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("no fit " + id);
        }
        return fits.find(number).orElseThrow(() -> new NotFoundException("no fit " + id));
    }

    /**
     * Scores customers with an earlier completed fit (or back with a newer one) from now on, and starts a refresh
     * that applies it to everyone.
     */
    public StoredFit makeCurrent(String id) {
        StoredFit fit = find(id);
        fits.makeCurrent(fit);
        refresh.start();
        return fit;
    }

    private void run(StoredFit fit) {
        long started = System.nanoTime();
        StoredFit outcome;
        try {
            List<PurchaseHistorySummary> customers = summaries(fit.calibrationEnd());
            long fitStarted = System.nanoTime();
            BgNbdFit purchases = BgNbdFitter.fit(customers);
            GammaGammaFit spend = GammaGammaFitter.fit(customers);
            LOG.infof("clv fit %d: %d customers summarised in %d ms, models fitted in %d ms", fit.id(),
                    customers.size(), (fitStarted - started) / 1_000_000, (System.nanoTime() - fitStarted) / 1_000_000);
            outcome = fit.completed(customers.size(), purchases, spend, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.errorf("clv fit %d failed: %s", fit.id(), e.getMessage());
            outcome = fit.failed(e.getMessage(), (System.nanoTime() - started) / 1_000_000);
        }
        if (outcome.status() == FitStatus.COMPLETED) {
            fits.makeCurrent(outcome);
            refresh.start();
        } else {
            fits.save(outcome);
        }
    }

    /** Every customer with a purchase on or before the calibration end, as the models see them at that date. */
    private List<PurchaseHistorySummary> summaries(LocalDate calibrationEnd) {
        ConcurrentLinkedQueue<PurchaseHistorySummary> summaries = new ConcurrentLinkedQueue<>();
        logs.values().parallelStream().forEach(stored -> LifetimeValueScoring.summaryAsOf(stored.log(), calibrationEnd)
                .ifPresent(summaries::add));
        if (summaries.isEmpty()) {
            throw new IllegalArgumentException("no customer has a purchase on or before " + calibrationEnd);
        }
        return new ArrayList<>(summaries);
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
