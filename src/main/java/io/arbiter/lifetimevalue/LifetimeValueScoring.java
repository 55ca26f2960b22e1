package io.arbiter.lifetimevalue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.arbiter.analytics.clv.ClvHorizon;
import io.arbiter.analytics.clv.CustomerForecast;
import io.arbiter.analytics.clv.LifetimeValueModel;
import io.arbiter.analytics.clv.PurchaseHistorySummary;
import io.arbiter.config.ArbiterConfig;
import io.arbiter.events.EventLog;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.EventSummary;
import io.arbiter.behaviour.BehaviourDeriver;

/**
 * Predicts each customer's lifetime value, probability of being alive and expected purchases from the current fit.
 * The current fit is read from the store on every use (a local read), so a new fit or a switch made on any node is
 * used everywhere at once; the parameters are rebuilt only when the current fit changes.
 */
@ApplicationScoped
public class LifetimeValueScoring {

    private static final Logger LOG = Logger.getLogger(LifetimeValueScoring.class);
    private static final double DAYS_PER_WEEK = 7.0;

    private final FitStore fits;
    private final ClvHorizon horizon;
    private volatile Loaded loaded;

    private record Loaded(long fitId, LifetimeValueModel model) {
    }

    LifetimeValueScoring(FitStore fits, ArbiterConfig config) {
        this.fits = fits;
        this.horizon = new ClvHorizon(config.analytics().clvHorizonMonths(), config.analytics().clvAnnualDiscountRate());
    }

    /** The model facts the current fit predicts for a customer: clv, pAlive and expected purchases over the horizon. */
    public record Forecast(BigDecimal clv, BigDecimal pAlive, BigDecimal expectedPurchases) {

        /** The customer's facts with this forecast; no forecast leaves them as they are. */
        public static CustomerFacts apply(Optional<Forecast> forecast, CustomerFacts facts) {
            return forecast.map(f -> facts.withModelFacts(facts.rfm(), f.clv(), f.pAlive(), f.expectedPurchases()))
                    .orElse(facts);
        }
    }

    /** What the current fit predicts for a customer with this purchase summary; empty without a fit or a purchase. */
    public Optional<Forecast> forecast(EventSummary purchases) {
        Optional<LifetimeValueModel> model = currentModel();
        if (model.isEmpty() || purchases == null) {
            return Optional.empty();
        }
        return summaryOf(purchases).flatMap(summary -> {
            try {
                CustomerForecast forecast = model.get().forecast(summary, horizon);
                return Optional.of(new Forecast(decimal(forecast.clv(), 2), decimal(forecast.pAlive(), 4),
                        decimal(forecast.expectedPurchases(), 4)));
            } catch (ArithmeticException | IllegalArgumentException e) {
                // A fit whose expectation does not exist for this history (series not converging, p·x + q <= 1):
                // the customer keeps the facts it had rather than failing the events or the refresh that asked
                LOG.warnf("the current fit gives no forecast for a history with %d repeat purchases: %s",
                        summary.frequency(), e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** What the models know of a customer at {@code end} from the event log: the purchases up to that day. */
    public static Optional<PurchaseHistorySummary> summaryAsOf(EventLog log, LocalDate end) {
        return summaryOf(BehaviourDeriver.derive(log, end).summary());
    }

    /**
     * What the models know of a customer from the purchase summary derived from the events: repeat purchases,
     * weeks from first to last purchase, weeks from first purchase to the date the summary was derived as of.
     */
    public static Optional<PurchaseHistorySummary> summaryOf(EventSummary summary) {
        LocalDate first = summary.firstPurchaseOn();
        if (first == null) {
            return Optional.empty();
        }
        int repeats = summary.repeatPurchases();
        double recency = repeats == 0 ? 0 : ChronoUnit.DAYS.between(first, summary.lastPurchaseOn()) / DAYS_PER_WEEK;
        double age = ChronoUnit.DAYS.between(first, summary.asOf()) / DAYS_PER_WEEK;
        double mean = repeats == 0 || summary.avgRepeatSpend() == null ? 0 : summary.avgRepeatSpend().doubleValue();
        return Optional.of(new PurchaseHistorySummary(repeats, recency, age, mean));
    }

    private Optional<LifetimeValueModel> currentModel() {
        long current = fits.currentId();
        if (current == 0) {
            return Optional.empty();
        }
        Loaded cached = loaded;
        if (cached == null || cached.fitId() != current) {
            Optional<StoredFit> fit = fits.current();
            if (fit.isEmpty()) {
                return Optional.empty();
            }
            cached = new Loaded(fit.get().id(), fit.get().model());
            loaded = cached;
        }
        return Optional.of(cached.model());
    }

    private static BigDecimal decimal(double value, int scale) {
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN);
    }
}
