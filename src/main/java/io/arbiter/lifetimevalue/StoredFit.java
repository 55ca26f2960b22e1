package io.arbiter.lifetimevalue;

import java.time.Instant;
import java.time.LocalDate;

import org.infinispan.protostream.annotations.Proto;

import io.arbiter.analytics.clv.BgNbdFit;
import io.arbiter.analytics.clv.BgNbdParameters;
import io.arbiter.analytics.clv.GammaGammaFit;
import io.arbiter.analytics.clv.GammaGammaParameters;
import io.arbiter.analytics.clv.LifetimeValueModel;

/**
 * One fit of the lifetime-value models as stored: who asked, on which calibration period, and, once completed, the
 * BG/NBD and Gamma-Gamma parameters with their log-likelihoods. Parameters are null until the fit completes.
 */
@Proto
public record StoredFit(
        long id,
        FitStatus status,
        LocalDate calibrationEnd,
        String requestedBy,
        Instant requestedAt,
        int customers,
        Double r,
        Double alpha,
        Double a,
        Double b,
        Double bgNbdLogLikelihood,
        Double p,
        Double q,
        Double gamma,
        Double gammaGammaLogLikelihood,
        int gammaGammaCustomers,
        int zeroValueExcluded,
        Long durationMs,
        String error) {

    public static StoredFit running(long id, LocalDate calibrationEnd, String requestedBy, Instant requestedAt) {
        return new StoredFit(id, FitStatus.RUNNING, calibrationEnd, requestedBy, requestedAt, 0, null, null, null, null,
                null, null, null, null, null, 0, 0, null, null);
    }

    public StoredFit completed(int customers, BgNbdFit purchases, GammaGammaFit spend, long durationMs) {
        BgNbdParameters bg = purchases.parameters();
        GammaGammaParameters gg = spend.parameters();
        return new StoredFit(id, FitStatus.COMPLETED, calibrationEnd, requestedBy, requestedAt, customers, bg.r(),
                bg.alpha(), bg.a(), bg.b(), purchases.logLikelihood(), gg.p(), gg.q(), gg.gamma(), spend.logLikelihood(),
                spend.customers(), spend.zeroValueExcluded(), durationMs, null);
    }

    public StoredFit failed(String reason, Long durationMs) {
        return new StoredFit(id, FitStatus.FAILED, calibrationEnd, requestedBy, requestedAt, customers, null, null,
                null, null, null, null, null, null, null, 0, 0, durationMs, reason);
    }

    /** The fitted models; only for a completed fit. */
    LifetimeValueModel model() {
        return new LifetimeValueModel(new BgNbdParameters(r, alpha, a, b), new GammaGammaParameters(p, q, gamma));
    }
}
