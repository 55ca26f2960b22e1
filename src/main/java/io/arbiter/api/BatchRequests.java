package io.arbiter.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.arbiter.batch.JobFilter;
import io.arbiter.batch.JobMode;
import io.arbiter.batch.JobRequest;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CustomerSets;
import io.arbiter.engine.DecisionSetCompilationException;
import io.arbiter.input.FieldError;
import io.arbiter.facts.Segment;
import io.arbiter.repository.DecisionRepository;
import io.arbiter.repository.RepositoryException;
import io.arbiter.repository.SetPointer;
import io.arbiter.repository.VersionSnapshots;
import io.arbiter.input.CustomerIds;

/**
 * Reads a batch-evaluation request, reporting every wrong field with its JSON Pointer: the set must exist, the
 * version (default: the active one) and {@code compareTo} must be stored, validated and decide customers.
 */
@ApplicationScoped
class BatchRequests {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final DecisionRepository repository;
    private final VersionSnapshots snapshots;

    BatchRequests(DecisionRepository repository, VersionSnapshots snapshots) {
        this.repository = repository;
        this.snapshots = snapshots;
    }

    JobRequest read(BatchEvaluationResource.BatchEvaluationRequest body) {
        List<FieldError> errors = new ArrayList<>();
        String set = body.decisionSet();
        if (set == null) {
            errors.add(new FieldError("/decisionSet", "is required: the name of a decision set"));
        }
        JobMode mode = mode(body.mode(), errors);
        JobFilter filter = filter(body.filter(), errors);
        Long version = version(body.version(), "version", errors);
        Long compareTo = version(body.compareTo(), "compareTo", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("the batch evaluation request is not valid", errors);
        }
        SetPointer pointer = repository.find(set).orElseThrow(() -> ProblemException.notFound("no decision set " + set));
        long resolved = version != null ? version : pointer.activeVersion();
        if (resolved == 0) {
            throw ProblemException.invalid("decision set " + set + " has no active version",
                    List.of(new FieldError("/version", "is required while the set has no active version")));
        }
        decidable(set, resolved, "/version", errors);
        if (compareTo != null) {
            if (compareTo == resolved) {
                errors.add(new FieldError("/compareTo", "must differ from the version evaluated (" + resolved + ")"));
            } else {
                decidable(set, compareTo, "/compareTo", errors);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("the batch evaluation request names versions that cannot decide", errors);
        }
        return new JobRequest(set, resolved, compareTo == null ? 0 : compareTo, mode, filter);
    }

    /** The version is stored, validated, and maps a value tier and a risk grade; compiles it for the job. */
    private void decidable(String set, long version, String pointer, List<FieldError> errors) {
        CompiledDecisionSet compiled;
        try {
            compiled = snapshots.compiled(set, version);
        } catch (RepositoryException e) {
            errors.add(new FieldError(pointer, e.getMessage()));
            return;
        } catch (DecisionSetCompilationException e) {
            errors.add(new FieldError(pointer, "version " + version + " does not compile: " + e.getMessage()));
            return;
        }
        if (!CustomerSets.decidesCustomers(compiled)) {
            errors.add(new FieldError(pointer, "version " + version + " of " + set
                    + " does not decide customers: its manifest maps no valueTier and riskGrade"));
        }
    }

    private static JobMode mode(String mode, List<FieldError> errors) {
        String allowed = "must be one of " + Arrays.toString(JobMode.values());
        if (mode == null) {
            errors.add(new FieldError("/mode", "is required; " + allowed));
            return null;
        }
        try {
            return JobMode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("/mode", allowed));
            return null;
        }
    }

    private static Long version(Long version, String field, List<FieldError> errors) {
        if (version != null && version < 1) {
            errors.add(new FieldError("/" + field, "must be a version number >= 1"));
            return null;
        }
        return version;
    }

    private static JobFilter filter(JobFilter filter, List<FieldError> errors) {
        if (filter == null) {
            return JobFilter.ALL;
        }
        String segment = text(filter.segment(), "segment", errors);
        if (segment != null && Arrays.stream(Segment.values()).noneMatch(s -> s.name().equals(segment))) {
            errors.add(new FieldError("/filter/segment", "must be one of " + Arrays.toString(Segment.values())));
        }
        String country = text(filter.country(), "country", errors);
        if (country != null && !COUNTRY.matcher(country).matches()) {
            errors.add(new FieldError("/filter/country", "must be an ISO 3166-1 alpha-2 code"));
        }
        String prefix = text(filter.customerIdPrefix(), "customerIdPrefix", errors);
        if (prefix != null && !CustomerIds.valid(prefix)) {
            errors.add(new FieldError("/filter/customerIdPrefix", CustomerIds.RULE));
        }
        return new JobFilter(segment, country, text(filter.valueTier(), "valueTier", errors),
                text(filter.riskGrade(), "riskGrade", errors), prefix);
    }

    private static String text(String value, String field, List<FieldError> errors) {
        if (value != null && value.isBlank()) {
            errors.add(new FieldError("/filter/" + field, "must be a non-empty string"));
            return null;
        }
        return value;
    }
}
