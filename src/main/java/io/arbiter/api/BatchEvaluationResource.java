package io.arbiter.api;

import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.jboss.resteasy.reactive.RestStreamElementType;

import io.arbiter.batch.BatchJobs;
import io.arbiter.batch.JobFilter;
import io.arbiter.batch.JobRequestResolver;
import io.arbiter.batch.JobView;
import io.smallrye.mutiny.Multi;

/** Batch re-evaluation jobs: start, watch (also as server-sent events), list and cancel. */
@Path("/api/v1/batch-evaluations")
@Produces(MediaType.APPLICATION_JSON)
public class BatchEvaluationResource {

    /**
     * A batch evaluation as asked for: the set, its version (default: the active one), the version to compare with,
     * APPLY or DRY_RUN, and which customers (default: all). {@link JobRequestResolver} checks it.
     */
    public record BatchEvaluationRequest(String decisionSet, Long version, Long compareTo, String mode,
                                         JobFilter filter) {
    }

    static final String TRIGGER = "API";
    private static final Duration EVENT_INTERVAL = Duration.ofSeconds(1);

    private final BatchJobs jobs;
    private final JobRequestResolver resolver;
    private final JsonRequestReader reader;

    BatchEvaluationResource(BatchJobs jobs, JobRequestResolver resolver, JsonRequestReader reader) {
        this.jobs = jobs;
        this.resolver = resolver;
        this.reader = reader;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"approver", "admin"})
    public Response start(InputStream body, SecurityContext security) {
        BatchEvaluationRequest request = reader.read(body, BatchEvaluationRequest.class);
        JobView job = jobs.submit(resolver.resolve(request.decisionSet(), request.version(), request.compareTo(),
                request.mode(), request.filter()), security.getUserPrincipal().getName(), TRIGGER);
        return Response.accepted(job).location(URI.create("/api/v1/batch-evaluations/" + job.id())).build();
    }

    @GET
    @RolesAllowed({"analyst", "approver", "admin"})
    public List<JobView> list() {
        return jobs.recent();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({"analyst", "approver", "admin"})
    public JobView get(@PathParam("id") String id) {
        return jobs.find(id).orElseThrow(() -> notFound(id));
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({"approver", "admin"})
    public JobView cancel(@PathParam("id") String id) {
        return jobs.cancel(id).orElseThrow(() -> notFound(id));
    }

    /** The job's progress every second, the last event being the job finished and its workers stopped. */
    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({"analyst", "approver", "admin"})
    public Multi<JobView> events(@PathParam("id") String id) {
        get(id);
        AtomicBoolean finishedSent = new AtomicBoolean();
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(EVENT_INTERVAL)
                .onOverflow().drop()
                .map(tick -> get(id))
                .select().first(view -> !finishedSent.getAndSet(view.status().finished() && !view.stopping()));
    }

    private static ProblemException notFound(String id) {
        return ProblemException.notFound("no batch evaluation " + id);
    }
}
