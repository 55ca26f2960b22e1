package io.arbiter.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

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

    private static final Set<String> FIELDS = Set.of("decisionSet", "version", "filter", "mode", "compareTo");
    private static final Set<String> FILTER_FIELDS = Set.of("segment", "country", "valueTier", "riskGrade", "customerIdPrefix");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    private final DecisionRepository repository;
    private final VersionSnapshots snapshots;

    BatchRequests(DecisionRepository repository, VersionSnapshots snapshots) {
        this.repository = repository;
        this.snapshots = snapshots;
    }

    JobRequest read(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                errors.add(new FieldError("/" + name, "unknown field"));
            }
        }
        JsonNode setNode = body.get("decisionSet");
        if (setNode == null || !setNode.isTextual()) {
            errors.add(new FieldError("/decisionSet", "is required: the name of a decision set"));
        }
        JobMode mode = mode(body.get("mode"), errors);
        JobFilter filter = filter(body.get("filter"), errors);
        Long version = version(body, "version", errors);
        Long compareTo = version(body, "compareTo", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("the batch evaluation request is not valid", errors);
        }
        String set = setNode.textValue();
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

    private static JobMode mode(JsonNode node, List<FieldError> errors) {
        String allowed = "must be one of " + Arrays.toString(JobMode.values());
        if (node == null || !node.isTextual()) {
            errors.add(new FieldError("/mode", "is required; " + allowed));
            return null;
        }
        try {
            return JobMode.valueOf(node.textValue());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("/mode", allowed));
            return null;
        }
    }

    private static Long version(JsonNode body, String field, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber() || node.longValue() < 1) {
            errors.add(new FieldError("/" + field, "must be a version number >= 1"));
            return null;
        }
        return node.longValue();
    }

    private static JobFilter filter(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return JobFilter.ALL;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("/filter", "must be an object of criteria: " + FILTER_FIELDS));
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FILTER_FIELDS.contains(name)) {
                errors.add(new FieldError("/filter/" + name, "unknown criterion; one of " + FILTER_FIELDS));
            }
        }
        String segment = text(node, "segment", errors);
        if (segment != null && Arrays.stream(Segment.values()).noneMatch(s -> s.name().equals(segment))) {
            errors.add(new FieldError("/filter/segment", "must be one of " + Arrays.toString(Segment.values())));
        }
        String country = text(node, "country", errors);
        if (country != null && !COUNTRY.matcher(country).matches()) {
            errors.add(new FieldError("/filter/country", "must be an ISO 3166-1 alpha-2 code"));
        }
        String prefix = text(node, "customerIdPrefix", errors);
        if (prefix != null && !CustomerIds.valid(prefix)) {
            errors.add(new FieldError("/filter/customerIdPrefix", CustomerIds.RULE));
        }
        return new JobFilter(segment, country, text(node, "valueTier", errors), text(node, "riskGrade", errors), prefix);
    }

    private static String text(JsonNode filter, String field, List<FieldError> errors) {
        JsonNode value = filter.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            errors.add(new FieldError("/filter/" + field, "must be a non-empty string"));
            return null;
        }
        return value.textValue();
    }
}
