package io.arbiter.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.arbiter.diff.DecisionTableDiff;
import io.arbiter.input.FieldError;
import io.arbiter.repository.DecisionRepository;

/** What changed between two versions of a decision set, decision table by decision table. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class VersionDiffResource {

    private final DecisionRepository repository;

    VersionDiffResource(DecisionRepository repository) {
        this.repository = repository;
    }

    /** Decision-table rows added, removed or changed from version {@code against} to {@code version}. */
    @GET
    @Path("decision-sets/{name}/versions/{version}/table-diff")
    @RolesAllowed({"analyst", "approver", "admin"})
    public List<DecisionTableDiff.TableDiff> tableDiff(@PathParam("name") String name, @PathParam("version") long version,
                                                       @QueryParam("against") Long against) {
        if (against == null) {
            throw ProblemException.invalid("say which version to compare with",
                    List.of(new FieldError("against", "required: the version number to compare with")));
        }
        return DecisionTableDiff.between(repository.files(name, against), repository.files(name, version));
    }
}
