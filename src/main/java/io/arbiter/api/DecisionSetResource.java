package io.arbiter.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.annotation.Nulls;

import io.arbiter.batch.ImpactAnalysis;
import io.arbiter.batch.JobView;
import io.arbiter.engine.ActiveDecisionSets;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.input.FieldError;
import io.arbiter.repository.DecisionRepository;
import io.arbiter.repository.RepositoryException;
import io.arbiter.repository.SetPointer;
import io.arbiter.repository.VersionStatus;
import io.arbiter.validation.BundleLimits;

/** The decision repository over HTTP: publish, inspect, activate and roll back decision-set versions. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionSetResource {

    /** A JSON-escaped bundle is somewhat larger than the bundle itself (8 MiB at most, see the validator). */
    private static final long MAX_PUBLICATION_BYTES = 12L * 1024 * 1024;

    private final DecisionRepository repository;
    private final ActiveDecisionSets active;
    private final JsonRequestReader reader;
    private final ImpactAnalysis impact;

    /** A version with the impact analysis started by its publication (null when none was). */
    public record VersionView(@JsonUnwrapped DecisionRepository.VersionDetail detail, JobView impact) {
    }

    /** A publication as JSON: each file's name and text, and a comment. A file without text is refused by name. */
    public record PublicationRequest(@JsonSetter(contentNulls = Nulls.FAIL) Map<String, String> files, String comment) {
    }

    DecisionSetResource(DecisionRepository repository, ActiveDecisionSets active, JsonRequestReader reader,
                        ImpactAnalysis impact) {
        this.repository = repository;
        this.active = active;
        this.reader = reader;
        this.impact = impact;
    }

    @GET
    @Path("decision-sets")
    @RolesAllowed({"analyst", "approver", "admin"})
    public List<DecisionRepository.SetSummary> list() {
        return repository.names().stream().map(repository::summary).toList();
    }

    @GET
    @Path("decision-sets/{name}")
    @RolesAllowed({"analyst", "approver", "admin"})
    public DecisionRepository.SetSummary get(@PathParam("name") String name) {
        return repository.summary(name);
    }

    /** The same publication as multipart/form-data: one part per file (named by its file name), and "comment". */
    @POST
    @Path("decision-sets/{name}/versions")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed({"analyst", "admin"})
    public Response publishMultipart(@PathParam("name") String name, MultipartFormDataInput form,
                                     SecurityContext security) throws IOException {
        MultipartBundle bundle = MultipartBundle.read(form);
        String author = security.getUserPrincipal().getName();
        return published(repository.publish(name, bundle.files(), bundle.comment(), author));
    }

    @POST
    @Path("decision-sets/{name}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"analyst", "admin"})
    public Response publish(@PathParam("name") String name, InputStream body, SecurityContext security) {
        PublicationRequest request = reader.read(body, PublicationRequest.class, MAX_PUBLICATION_BYTES);
        Map<String, String> files = request.files();
        if (files == null || files.isEmpty()) {
            throw ProblemException.invalid("files is required", List.of(new FieldError("/files",
                    "must be an object of file name to file text, with at least one file")));
        }
        // Every file's name and digest is stored even when the bundle is rejected: the count is bounded first
        if (files.size() > BundleLimits.MAX_FILES) {
            throw ProblemException.bundleTooLarge("Bundle too large", "the bundle has " + files.size()
                    + " files; at most " + BundleLimits.MAX_FILES + " are accepted");
        }
        String author = security.getUserPrincipal().getName();
        return published(repository.publish(name, files, request.comment() == null ? "" : request.comment(), author));
    }

    private Response published(DecisionRepository.Publication publication) {
        return Response.status(publication.status() == VersionStatus.VALIDATED ? 201 : 422)
                .entity(publication)
                .build();
    }

    @GET
    @Path("decision-sets/{name}/versions/{version}")
    @RolesAllowed({"analyst", "approver", "admin"})
    public VersionView version(@PathParam("name") String name, @PathParam("version") long version) {
        return new VersionView(repository.detail(name, version), impact.of(name, version).orElse(null));
    }

    @GET
    @Path("decision-sets/{name}/versions/{version}/files/{file}")
    @Produces({MediaType.TEXT_PLAIN, MediaType.APPLICATION_XML})
    @RolesAllowed({"analyst", "approver", "admin"})
    public Response file(@PathParam("name") String name, @PathParam("version") long version, @PathParam("file") String file) {
        String text = Optional.ofNullable(repository.files(name, version).get(file)).orElseThrow(() -> new RepositoryException(
                RepositoryException.Kind.NOT_FOUND, "version " + version + " of " + name + " has no file " + file));
        return Response.ok(text, file.endsWith(".dmn") ? MediaType.APPLICATION_XML : MediaType.TEXT_PLAIN).build();
    }

    @POST
    @Path("decision-sets/{name}/versions/{version}/activate")
    @RolesAllowed({"approver", "admin"})
    public DecisionRepository.SetSummary activate(@PathParam("name") String name, @PathParam("version") long version,
                                                  SecurityContext security) throws InterruptedException {
        SetPointer pointer = repository.activate(name, version, security.getUserPrincipal().getName(),
                security.isUserInRole("admin"));
        awaitLocalSwap(name, pointer.activeVersion());
        return repository.summary(name);
    }

    @POST
    @Path("decision-sets/{name}/rollback")
    @RolesAllowed({"approver", "admin"})
    public DecisionRepository.SetSummary rollback(@PathParam("name") String name, SecurityContext security)
            throws InterruptedException {
        SetPointer pointer = repository.rollback(name, security.getUserPrincipal().getName());
        awaitLocalSwap(name, pointer.activeVersion());
        return repository.summary(name);
    }

    /** The switch is persisted already; this waits until this node also evaluates with the new version. */
    private void awaitLocalSwap(String name, long version) throws InterruptedException {
        LocalSwap.await(() -> active.get(name).map(CompiledDecisionSet::version).orElse(-1L) == version,
                "activation-pending", "Activation not yet effective", "the activation of version " + version + " of " + name);
    }
}
