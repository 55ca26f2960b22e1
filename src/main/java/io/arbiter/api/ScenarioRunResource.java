package io.arbiter.api;

import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

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

    public record CaseResult(String suite, String scenario, boolean passed, List<String> failures) {
    }

    public record ScenarioRun(String decisionSet, long version, int passed, int failed, List<CaseResult> cases,
                              Set<String> uncoveredRows, Set<String> uncoveredRules) {
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
    public ScenarioRun run(@PathParam("name") String name, @PathParam("version") long version)
            throws DecisionSetCompilationException {
        CompiledDecisionSet compiled = snapshots.compiled(name, version);
        ScenarioSuite.Suites suites = ScenarioSuite.parseAll(compiled.manifest().scenarios(),
                repository.files(name, version));
        if (!suites.errors().isEmpty()) {
            throw ProblemException.invalid("a scenario suite of the version is not valid", suites.errors().entrySet()
                    .stream().map(e -> new FieldError(e.getKey(), e.getValue())).toList());
        }
        ScenarioRunner.Report report = runner.run(compiled, suites.suites());
        List<CaseResult> cases = report.cases().stream()
                .map(c -> new CaseResult(c.suite(), c.scenario(), c.passed(), c.failures())).toList();
        int passed = (int) cases.stream().filter(CaseResult::passed).count();
        return new ScenarioRun(name, version, passed, cases.size() - passed, cases, report.uncoveredRows(),
                report.uncoveredRules());
    }
}
