package io.arbiter.api;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.infinispan.commons.IllegalLifecycleStateException;
import org.infinispan.commons.TimeoutException;
import org.infinispan.partitionhandling.AvailabilityException;
import org.infinispan.remoting.RemoteException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.arbiter.alerting.AlreadyAcknowledgedException;
import io.arbiter.engine.DecisionEvaluationException;
import io.arbiter.engine.DecisionSetCompilationException;
import io.arbiter.engine.EvaluationBudgetExceededException;
import io.arbiter.engine.ProfileMissingException;
import io.arbiter.input.InvalidInputException;
import io.arbiter.input.NotFoundException;
import io.arbiter.lifetimevalue.FitNotCompletedException;
import io.arbiter.ndjson.StoreFailed;
import io.arbiter.repository.RepositoryException;
import io.arbiter.security.LoginThrottled;
import io.arbiter.store.ClusterChange;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error leaves the API as {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String FORM_PARSER_PACKAGE = "org.jboss.resteasy.reactive.server.core.multipart.";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(e.problem(), uri);
        return e.retryAfterSeconds() > 0
                ? Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build()
                : response;
    }

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        return respond(Problem.invalid(e.getMessage(), e.errors()), uri);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return respond(Problem.notFound(e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.invalid("malformed JSON: " + e.getOriginalMessage(), List.of()), uri);
    }

    @ServerExceptionMapper
    public Response throttled(LoginThrottled e, UriInfo uri) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        return Response.fromResponse(respond(Problem.of(429, "too-many-failed-logins", "Too many failed logins",
                        e.getMessage() + "; retry after " + seconds + " s"), uri))
                .header(HttpHeaders.RETRY_AFTER, seconds)
                .build();
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(Problem.of(401, "unauthenticated", "Authentication required",
                        "send valid credentials: HTTP Basic or an OIDC bearer token"), uri))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"arbiter\"")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "your role does not allow this operation"), uri);
    }

    @ServerExceptionMapper
    public Response decisionFailed(DecisionEvaluationException e, UriInfo uri) {
        LOG.errorf("decision evaluation failed: %s", e.getMessage());
        return respond(Problem.of(500, "decision-failed", "The decision set could not decide",
                String.join("; ", e.messages())), uri);
    }

    /**
     * A decision that ran out of its time budget: the decision set most likely does not terminate on these facts.
     * Cancelled (only by an interrupt here): the service is stopping.
     */
    @ServerExceptionMapper
    public Response overBudget(EvaluationBudgetExceededException e, UriInfo uri) {
        if (e.reason() == EvaluationBudgetExceededException.Reason.CANCELLED) {
            return respond(Problem.of(503, "evaluation-cancelled", "The evaluation was cancelled",
                    "the service is stopping; send the request again"), uri);
        }
        LOG.errorf("decision evaluation stopped at %s: %s", path(uri), e.getMessage());
        return respond(Problem.of(500, "evaluation-budget-exceeded", "The decision exceeded its time budget",
                e.getMessage() + "; the decision set may not terminate on this input"), uri);
    }

    /** A stored version that no longer compiles (validated versions compiled at publication; an engine change could). */
    @ServerExceptionMapper
    public Response notCompilable(DecisionSetCompilationException e, UriInfo uri) {
        LOG.errorf("a stored decision-set version does not compile: %s", e.getMessage());
        return respond(Problem.of(409, "version-not-compilable", "The version does not compile", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response alreadyAcknowledged(AlreadyAcknowledgedException e, UriInfo uri) {
        return respond(Problem.of(409, "alert-acknowledged", "The alert is already acknowledged", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response fitNotCompleted(FitNotCompletedException e, UriInfo uri) {
        return respond(Problem.of(409, "fit-not-completed", "Only a completed fit can be current", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response profileMissing(ProfileMissingException e, UriInfo uri) {
        return respond(Problem.of(409, "profile-missing", "The customer has no profile yet",
                e.getMessage() + "; send them with PUT /api/v1/customers/{customerId}"), uri);
    }

    /** An import the store stopped: what was handled, and from which line to resend (imports are idempotent per line). */
    @ServerExceptionMapper
    public Response importStopped(StoreFailed e, UriInfo uri) {
        LOG.errorf(e.getCause(), "import at %s stopped at line %d: the store failed", path(uri), e.failedLine());
        return respond(Problem.of(503, "store-unavailable", "The store failed during the import",
                "lines before " + e.failedLine() + " were handled (" + e.handled() + "); line " + e.failedLine()
                        + " and after were not stored: resend them"), uri);
    }

    /**
     * The cluster cannot serve this key now: this side of a partition lost the majority or both owners (writes a
     * merge would lose are refused), or another node held the customer's lock for longer than the lock timeout,
     * here or on the member that answered, or the cluster is stopping. Any other failure of a remote member is a
     * defect like any other.
     */
    @ServerExceptionMapper({AvailabilityException.class, TimeoutException.class, RemoteException.class,
            IllegalLifecycleStateException.class})
    public Response clusterUnavailable(RuntimeException e, UriInfo uri) {
        if (!ClusterChange.explains(e)) {
            return unexpected(e, uri);
        }
        LOG.warnf("%s at %s: %s", e.getClass().getSimpleName(), path(uri), e.getMessage());
        return respond(Problem.of(503, "cluster-unavailable", "The cluster cannot serve this now",
                "nothing was changed; retry, and see GET /api/v1/cluster"), uri);
    }

    @ServerExceptionMapper
    public Response repository(RepositoryException e, UriInfo uri) {
        return respond(switch (e.kind()) {
            case NOT_FOUND -> Problem.notFound(e.getMessage());
            case FORBIDDEN -> Problem.of(403, "forbidden", "Forbidden", e.getMessage());
            case CONFLICT -> Problem.of(409, "conflict", "Conflict", e.getMessage());
            case INVALID -> Problem.invalid(e.getMessage(), List.of());
        }, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return respond(Problem.of(status, slug(reason), reason, e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (thrownByFormParser(e)) {
            // a body sent as multipart that is not (no boundary, cut short), or has more parts than the parser
            // takes: RESTEasy's parser fails with a plain IOException or RuntimeException before any resource runs
            return respond(Problem.of(400, "malformed-multipart", "Malformed multipart body",
                    "the multipart/form-data body could not be parsed: " + e.getMessage()), uri);
        }
        LOG.error("unexpected failure", e);
        return respond(Problem.of(500, "internal-error", "Internal error", "the failure was logged"), uri);
    }

    /** An out-of-memory or another error of the JVM in one request: the caller still gets a problem, not a page. */
    @ServerExceptionMapper
    public Response jvmError(Error e, UriInfo uri) {
        LOG.error("request failed with an error of the JVM", e);
        return respond(Problem.of(500, "internal-error", "Internal error", "the failure was logged"), uri);
    }

    /** Whether the failure comes from RESTEasy Reactive's form parser, by the frame it was thrown from. */
    private static boolean thrownByFormParser(Exception e) {
        StackTraceElement[] frames = e.getStackTrace();
        return frames.length > 0 && frames[0].getClassName().startsWith(FORM_PARSER_PACKAGE);
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.at(path(uri)))
                .build();
    }

    /**
     * The request's path as it came, still percent-encoded. {@code UriInfo.getPath()} decodes a path Vert.x has
     * already decoded, and fails on one whose decoded form holds a {@code %} ({@code /fits/%25%3A}): the mapper of
     * one error must not throw another.
     */
    static String path(UriInfo uri) {
        return uri.getRequestUri().getRawPath();
    }

    private static String slug(String reason) {
        return reason == null ? "error" : reason.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
