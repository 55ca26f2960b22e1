package io.arbiter.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.DecisionSetCompilationException;
import io.arbiter.input.FieldError;
import io.arbiter.repository.DecisionRepository;
import io.arbiter.repository.VersionSnapshots;
import io.arbiter.scenario.ScenarioRunner;
import io.arbiter.scenario.ScenarioSuite;

/** Runs a stored version's scenario suites again, on demand, with every case's result and what no case reached. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class ScenarioRunResource {

    /** A run of a version's suites, with the version it ran. */
    public record VersionScenarioRun(String decisionSet, long version, @JsonUnwrapped ScenarioRunner.ScenarioRun run) {
    }

    private final DecisionRepository repository;
    private final VersionSnapshots snapshots;
    private final ScenarioRunner runner;

    ScenarioRunResource(DecisionRepository repository, VersionSnapshots snapshots, ScenarioRunner runner) {
        this.repository = repository;
        this.snapshots = snapshots;
        this.runner = runner;
    }

    @POST
    @Path("decision-sets/{name}/versions/{version}/scenario-runs")
    @RolesAllowed({"analyst", "approver", "admin"})
    public VersionScenarioRun run(@PathParam("name") String name, @PathParam("version") long version)
            throws DecisionSetCompilationException {
        CompiledDecisionSet compiled = snapshots.compiled(name, version);
        ScenarioSuite.Suites suites = ScenarioSuite.parseAll(compiled.manifest().scenarios(),
                repository.files(name, version));
        if (!suites.errors().isEmpty()) {
            throw ProblemException.invalid("a scenario suite of the version is not valid", suites.errors().entrySet()
                    .stream().map(e -> new FieldError(e.getKey(), e.getValue())).toList());
        }
        return new VersionScenarioRun(name, version, runner.run(compiled, suites.suites()));
    }
}
