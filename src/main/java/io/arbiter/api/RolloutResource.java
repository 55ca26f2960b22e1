package io.arbiter.api;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;

import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.Challenger;
import io.arbiter.engine.RolloutMode;
import io.arbiter.input.FieldError;
import io.arbiter.monitoring.RolloutComparison;
import io.arbiter.repository.Rollout;
import io.arbiter.repository.Rollouts;

/**
 * Gradual rollouts over HTTP: start a canary or shadow rollout, ramp a canary, promote, abort; the running rollout
 * with its comparison, and the past ones. Each step answers once this node decides with the new split.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RolloutResource {

    private static final String ROLLOUTS = "decision-sets/{name}/rollouts";

    /** A rollout to start. {@code percent} stays JSON so that a string or a boolean is refused where it stands. */
    public record StartRequest(Long version, String mode, JsonNode percent) {
    }

    public record RampRequest(JsonNode percent) {
    }

    /** A rollout as answered: {@code percent} null for a shadow rollout; {@code comparison} null in lists. */
    public record RolloutView(String id, String decisionSet, RolloutMode mode, long champion, long challenger,
                              BigDecimal percent, Instant startedAt, String startedBy, Instant updatedAt,
                              String updatedBy, Instant endedAt, String endedBy, String ending,
                              RolloutComparison.Comparison comparison) {
    }

    public record RolloutList(List<RolloutView> rollouts) {
    }

    private final Rollouts rollouts;
    private final RolloutComparison comparison;
    private final ActiveDecisionSets active;
    private final JsonRequestReader reader;

    RolloutResource(Rollouts rollouts, RolloutComparison comparison, ActiveDecisionSets active,
                    JsonRequestReader reader) {
        this.rollouts = rollouts;
        this.comparison = comparison;
        this.active = active;
        this.reader = reader;
    }

    @POST
    @Path(ROLLOUTS)
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"approver", "admin"})
    public Response start(@PathParam("name") String name, InputStream body, SecurityContext security)
            throws InterruptedException {
        StartRequest request = reader.read(body, StartRequest.class);
        if (request.version() == null || request.version() < 1) {
            throw invalid("/version", "is required: the version to roll out, 1 or more");
        }
        RolloutMode mode = mode(request.mode());
        int basisPoints = 0;
        if (mode == RolloutMode.CANARY) {
            basisPoints = basisPoints(request.percent());
        } else if (request.percent() != null && !request.percent().isNull()) {
            throw invalid("/percent", "a shadow rollout decides every customer with the champion: it has no percent");
        }
        Rollout started = rollouts.start(name, request.version(), mode, basisPoints,
                security.getUserPrincipal().getName(), security.isUserInRole("admin"));
        awaitLocalSplit(name, started);
        return Response.created(URI.create("/api/v1/decision-sets/" + name + "/rollouts/current"))
                .entity(view(name, started, true)).build();
    }

    @GET
    @Path(ROLLOUTS)
    @RolesAllowed({"analyst", "approver", "admin"})
    public RolloutList list(@PathParam("name") String name) {
        return new RolloutList(rollouts.all(name).stream().map(r -> view(name, r, false)).toList());
    }

    @GET
    @Path(ROLLOUTS + "/current")
    @RolesAllowed({"analyst", "approver", "admin"})
    public RolloutView current(@PathParam("name") String name) {
        return view(name, rollouts.current(name).orElseThrow(() -> ProblemException.notFound("decision set " + name
                + " has no rollout running")), true);
    }

    /** Any rollout of the set, running or ended, with its comparison: what was seen before it was promoted or aborted. */
    @GET
    @Path(ROLLOUTS + "/{id}")
    @RolesAllowed({"analyst", "approver", "admin"})
    public RolloutView one(@PathParam("name") String name, @PathParam("id") String id) {
        return view(name, rollouts.all(name).stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("decision set " + name + " has no rollout " + id)), true);
    }

    @PATCH
    @Path(ROLLOUTS + "/current")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"approver", "admin"})
    public RolloutView ramp(@PathParam("name") String name, InputStream body, SecurityContext security)
            throws InterruptedException {
        RampRequest request = reader.read(body, RampRequest.class);
        Rollout ramped = rollouts.ramp(name, basisPoints(request.percent()), security.getUserPrincipal().getName());
        awaitLocalSplit(name, ramped);
        return view(name, ramped, true);
    }

    @POST
    @Path(ROLLOUTS + "/current/promote")
    @RolesAllowed({"approver", "admin"})
    public RolloutView promote(@PathParam("name") String name, SecurityContext security) throws InterruptedException {
        Rollout promoted = rollouts.promote(name, security.getUserPrincipal().getName(), security.isUserInRole("admin"));
        awaitLocalSplit(name, promoted);
        return view(name, promoted, true);
    }

    @DELETE
    @Path(ROLLOUTS + "/current")
    @RolesAllowed({"approver", "admin"})
    public RolloutView abort(@PathParam("name") String name, SecurityContext security) throws InterruptedException {
        Rollout aborted = rollouts.abort(name, security.getUserPrincipal().getName());
        awaitLocalSplit(name, aborted);
        return view(name, aborted, true);
    }

    private RolloutView view(String name, Rollout rollout, boolean compared) {
        return new RolloutView(rollout.id(), name, rollout.rolloutMode(), rollout.champion(), rollout.challenger(),
                rollout.rolloutMode() == RolloutMode.SHADOW ? null
                        : BigDecimal.valueOf(rollout.basisPoints(), 2).stripTrailingZeros(),
                rollout.startedAt(), rollout.startedBy(), rollout.updatedAt(), rollout.updatedBy(), rollout.endedAt(),
                rollout.endedBy(), rollout.ending(), compared ? comparison.of(rollout) : null);
    }

    private static RolloutMode mode(String mode) {
        if (mode == null) {
            throw invalid("/mode", "is required: CANARY or SHADOW");
        }
        try {
            return RolloutMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw invalid("/mode", "must be CANARY or SHADOW, not " + mode);
        }
    }

    /** A percentage from 0 to 100 in steps of 0.01, as basis points. */
    static int basisPoints(JsonNode percent) {
        if (percent == null || percent.isNull()) {
            throw invalid("/percent", "is required: the share of customers the challenger decides, 0 to 100");
        }
        if (!percent.isNumber()) {
            throw invalid("/percent", "must be a number from 0 to 100, not " + percent.getNodeType().name().toLowerCase());
        }
        BigDecimal value = percent.decimalValue();
        if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw invalid("/percent", "must be from 0 to 100, not " + value.toPlainString());
        }
        BigDecimal basisPoints = value.movePointRight(2);
        if (basisPoints.stripTrailingZeros().scale() > 0) {
            throw invalid("/percent", "has more than two decimals: shares are split in steps of 0.01%");
        }
        return basisPoints.intValueExact();
    }

    /** The step is stored already; this waits until this node also decides with the split it left. */
    private void awaitLocalSplit(String name, Rollout step) throws InterruptedException {
        boolean running = step.ending() == null;
        long wantedChampion = Rollout.PROMOTED.equals(step.ending()) ? step.challenger() : step.champion();
        LocalSwap.await(() -> active.live(name).filter(live -> live.champion().version() == wantedChampion
                        && (running ? live.challenger().filter(c -> same(c, step)).isPresent()
                        : live.challenger().isEmpty())).isPresent(),
                "rollout-pending", "Rollout step not yet effective", "the rollout step of " + name);
    }

    private static boolean same(Challenger challenger, Rollout step) {
        return challenger.rolloutId().equals(step.id()) && challenger.basisPoints() == step.basisPoints();
    }

    private static ProblemException invalid(String pointer, String message) {
        return ProblemException.invalid(pointer.substring(1) + " " + message, List.of(new FieldError(pointer, message)));
    }
}
