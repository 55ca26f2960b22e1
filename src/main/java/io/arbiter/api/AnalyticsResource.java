package io.arbiter.api;

import java.io.InputStream;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.arbiter.analytics.AnalyticsRefresh;
import io.arbiter.analytics.ClvFitJobs;
import io.arbiter.lifetimevalue.FitStatus;
import io.arbiter.lifetimevalue.FitStore;
import io.arbiter.lifetimevalue.StoredFit;
import io.arbiter.input.FieldError;

/** Lifetime-value model fits and the refresh of RFM scores, segments and forecasts. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class AnalyticsResource {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BgNbdView(double r, double alpha, double a, double b, double logLikelihood) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GammaGammaView(double p, double q, double gamma, double logLikelihood, int customers,
                                 int zeroValueExcluded) {
    }

    /** A fit as the API shows it; the parameter groups appear once it completed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FitView(String id, FitStatus status, LocalDate calibrationEnd, int customers, BgNbdView bgnbd,
                          GammaGammaView gammaGamma, Long durationMs, boolean current, String requestedBy,
                          String requestedAt, String error) {

        static FitView of(StoredFit fit, long currentId) {
            boolean completed = fit.status() == FitStatus.COMPLETED;
            return new FitView(Long.toString(fit.id()), fit.status(), fit.calibrationEnd(), fit.customers(),
                    completed ? new BgNbdView(fit.r(), fit.alpha(), fit.a(), fit.b(), fit.bgNbdLogLikelihood()) : null,
                    completed ? new GammaGammaView(fit.p(), fit.q(), fit.gamma(), fit.gammaGammaLogLikelihood(),
                            fit.gammaGammaCustomers(), fit.zeroValueExcluded()) : null,
                    fit.durationMs(), fit.id() == currentId, fit.requestedBy(), fit.requestedAt().toString(), fit.error());
        }
    }

    /** Fits the lifetime-value models on the purchases up to {@code calibrationEnd}. */
    public record FitRequest(LocalDate calibrationEnd) {
    }

    /** The fit that scores customers from now on, by its id. */
    public record CurrentFitRequest(String fit) {
    }

    private final ClvFitJobs fitJobs;
    private final FitStore fits;
    private final AnalyticsRefresh refresh;
    private final JsonRequestReader reader;

    AnalyticsResource(ClvFitJobs fitJobs, FitStore fits, AnalyticsRefresh refresh, JsonRequestReader reader) {
        this.fitJobs = fitJobs;
        this.fits = fits;
        this.refresh = refresh;
        this.reader = reader;
    }

    @POST
    @Path("models/clv/fits")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"analyst", "admin"})
    public Response startFit(InputStream body, @Context SecurityContext security) {
        StoredFit fit = fitJobs.start(reader.read(body, FitRequest.class).calibrationEnd(),
                security.getUserPrincipal().getName());
        return Response.accepted(FitView.of(fit, fits.currentId()))
                .location(URI.create("/api/v1/models/clv/fits/" + fit.id()))
                .build();
    }

    @GET
    @Path("models/clv/fits")
    @RolesAllowed({"analyst", "approver", "admin"})
    public List<FitView> listFits() {
        long current = fits.currentId();
        return fits.all().stream().map(fit -> FitView.of(fit, current)).toList();
    }

    @GET
    @Path("models/clv/fits/{id}")
    @RolesAllowed({"analyst", "approver", "admin"})
    public FitView getFit(@PathParam("id") String id) {
        return FitView.of(fitJobs.find(id), fits.currentId());
    }

    /** Scores customers with an earlier completed fit (or back with a newer one); a refresh applies it to everyone. */
    @PUT
    @Path("models/clv/current")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"approver", "admin"})
    public FitView makeCurrent(InputStream body) {
        String id = reader.read(body, CurrentFitRequest.class).fit();
        if (id == null) {
            throw ProblemException.invalid("fit must name a fit id", List.of(new FieldError("/fit", "must be a string")));
        }
        StoredFit fit = fitJobs.makeCurrent(id);
        return FitView.of(fit, fit.id());
    }

    @POST
    @Path("analytics/refreshes")
    @RolesAllowed({"analyst", "approver", "admin"})
    public Response startRefresh() {
        AnalyticsRefresh.Run run = refresh.start();
        return Response.accepted(run).location(URI.create("/api/v1/analytics/refreshes/" + run.id())).build();
    }

    @GET
    @Path("analytics/refreshes")
    @RolesAllowed({"analyst", "approver", "admin"})
    public List<AnalyticsRefresh.Run> refreshes() {
        return refresh.recent();
    }

    @GET
    @Path("analytics/refreshes/{id}")
    @RolesAllowed({"analyst", "approver", "admin"})
    public AnalyticsRefresh.Run getRefresh(@PathParam("id") String id) {
        return refresh.find(id).orElseThrow(() -> ProblemException.notFound("no refresh " + id));
    }
}
