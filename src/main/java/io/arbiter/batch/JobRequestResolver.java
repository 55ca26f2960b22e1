package io.arbiter.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CustomerSets;
import io.arbiter.engine.DecisionSetCompilationException;
import io.arbiter.facts.Segment;
import io.arbiter.input.CustomerIds;
import io.arbiter.input.FieldError;
import io.arbiter.input.InvalidInputException;
import io.arbiter.input.NotFoundException;
import io.arbiter.repository.DecisionRepository;
import io.arbiter.repository.RepositoryException;
import io.arbiter.repository.SetPointer;
import io.arbiter.repository.VersionSnapshots;

/**
 * Turns a job as asked for into a {@link JobRequest} that can run: the set must exist, the version (default: the
 * active one) and {@code compareTo} must be stored, validated and decide customers, and they are compiled now, so a
 * job never starts on a version that cannot run. Every wrong field is reported at once, with its JSON Pointer.
 */
@ApplicationScoped
public class JobRequestResolver {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final DecisionRepository repository;
    private final VersionSnapshots snapshots;

    JobRequestResolver(DecisionRepository repository, VersionSnapshots snapshots) {
        this.repository = repository;
        this.snapshots = snapshots;
    }

    /** {@code version} and {@code compareTo} may be null (the active version; no comparison), {@code filter} too (all). */
    public JobRequest resolve(String decisionSet, Long version, Long compareTo, String mode, JobFilter filter) {
        List<FieldError> errors = new ArrayList<>();
        if (decisionSet == null) {
            errors.add(new FieldError("/decisionSet", "is required: the name of a decision set"));
        }
        JobMode jobMode = mode(mode, errors);
        JobFilter checkedFilter = filter(filter, errors);
        version(version, "version", errors);
        version(compareTo, "compareTo", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the batch evaluation request is not valid", errors);
        }
        SetPointer pointer = repository.find(decisionSet)
                .orElseThrow(() -> new NotFoundException("no decision set " + decisionSet));
        long resolved = version != null ? version : pointer.activeVersion();
        if (resolved == 0) {
            throw new InvalidInputException("decision set " + decisionSet + " has no active version",
                    List.of(new FieldError("/version", "is required while the set has no active version")));
        }
        decidable(decisionSet, resolved, "/version", errors);
        if (compareTo != null) {
            if (compareTo == resolved) {
                errors.add(new FieldError("/compareTo", "must differ from the version evaluated (" + resolved + ")"));
            } else {
                decidable(decisionSet, compareTo, "/compareTo", errors);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("the batch evaluation request names versions that cannot decide", errors);
        }
        return new JobRequest(decisionSet, resolved, compareTo == null ? 0 : compareTo, jobMode, checkedFilter);
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

    private static void version(Long version, String field, List<FieldError> errors) {
        if (version != null && version < 1) {
            errors.add(new FieldError("/" + field, "must be a version number >= 1"));
        }
    }

    private static JobFilter filter(JobFilter filter, List<FieldError> errors) {
        if (filter == null) {
            return JobFilter.ALL;
        }
        String segment = criterion(filter.segment(), "segment", errors);
        if (segment != null && Arrays.stream(Segment.values()).noneMatch(s -> s.name().equals(segment))) {
            errors.add(new FieldError("/filter/segment", "must be one of " + Arrays.toString(Segment.values())));
        }
        String country = criterion(filter.country(), "country", errors);
        if (country != null && !COUNTRY.matcher(country).matches()) {
            errors.add(new FieldError("/filter/country", "must be an ISO 3166-1 alpha-2 code"));
        }
        String prefix = criterion(filter.customerIdPrefix(), "customerIdPrefix", errors);
        if (prefix != null && !CustomerIds.valid(prefix)) {
            errors.add(new FieldError("/filter/customerIdPrefix", CustomerIds.RULE));
        }
        return new JobFilter(segment, country, criterion(filter.valueTier(), "valueTier", errors),
                criterion(filter.riskGrade(), "riskGrade", errors), prefix);
    }

    private static String criterion(String value, String field, List<FieldError> errors) {
        if (value != null && value.isBlank()) {
            errors.add(new FieldError("/filter/" + field, "must be a non-empty string"));
            return null;
        }
        return value;
    }
}
