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
import io.arbiter.events.StoredEventLog;
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
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "clv-fit");
        thread.setDaemon(true);
        return thread;
    });

    ClvFitJobs(FitStore fits, Cache<String, StoredEventLog> logs, AnalyticsRefresh refresh, Clock clock) {
        this.fits = fits;
        this.logs = logs;
        this.refresh = refresh;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        for (StoredFit fit : fits.all()) {
            if (fit.status() == FitStatus.RUNNING) {
                fits.save(fit.failed("interrupted by a restart of the service; ask for a new fit", null));
            }
        }
    }

    public StoredFit start(LocalDate calibrationEnd, String requestedBy) {
        StoredFit fit = StoredFit.running(fits.nextId(), calibrationEnd, requestedBy, clock.instant());
        fits.save(fit);
        worker.execute(() -> run(fit));
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
        fits.save(outcome);
        if (outcome.status() == FitStatus.COMPLETED) {
            fits.makeCurrent(outcome.id());
            refresh.start();
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
