package io.arbiter.validation;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.logging.Logger;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNMessageType;
import org.kie.dmn.model.api.DMNElement;
import org.kie.dmn.model.api.DMNModelInstrumentedBase;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;

import io.arbiter.bundle.CompilationMessage;
import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.bundle.DecisionSetManifest;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.CompiledModel;
import io.arbiter.engine.DecisionSetCompilationException;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.scenario.ScenarioRunner;
import io.arbiter.scenario.ScenarioSuite;

/**
 * The gate every publication passes, in order, stopping at the first stage with errors: bundle limits (before
 * anything in the bundle is parsed); the run-time compile, which first runs the safety checks on every file for the
 * role its manifest gives it ({@link io.arbiter.safety.SourceGate}); kie-dmn's {@link DMNValidator} (schema, model,
 * compilation, decision-table analysis), whose errors are warnings at the ENGINE level; the bundle's scenario suites
 * against the compiled candidate. What the checks cannot read is refused: an unexpected failure of a stage rejects
 * the bundle rather than letting it by. A bundle with a {@link ValidationCertificate} of exactly its files passes
 * the limits and the compile again and takes the certificate's report for the two stages after them.
 */
public final class BundleValidator {

    private static final Logger LOG = Logger.getLogger(BundleValidator.class);

    /** The report, and the compiled set when the report accepts the bundle (so it is compiled only once). */
    public record ValidatedBundle(ValidationReport report, Optional<CompiledDecisionSet> compiled) {
    }

    private static final Set<DMNMessageType> GAPS_AND_OVERLAPS = Set.of(DMNMessageType.DECISION_TABLE_GAP,
            DMNMessageType.DECISION_TABLE_OVERLAP, DMNMessageType.DECISION_TABLE_OVERLAP_HITPOLICY_UNIQUE,
            DMNMessageType.DECISION_TABLE_OVERLAP_HITPOLICY_ANY);
    /** What concerns only the diagram (DMNDI), never a decision: a warning at every level. */
    private static final Set<DMNMessageType> DIAGRAM_ONLY = Set.of(DMNMessageType.DMNDI_MISSING_DIAGRAM,
            DMNMessageType.DMNDI_UNKNOWN_REF);

    private final DecisionSetCompiler compiler;
    private final ScenarioRunner scenarios;
    /**
     * Made at the first validation that runs it, not with this gate: making it builds a Drools knowledge base of
     * kie's checks, about half a second that a start without a publication does not need.
     */
    private DMNValidator dmnValidator;

    public BundleValidator(DecisionSetCompiler compiler, ScenarioRunner scenarios) {
        this.compiler = compiler;
        this.scenarios = scenarios;
    }

    public ValidatedBundle validate(DecisionSetBundle bundle, long version) {
        List<CompilationMessage> messages = new ArrayList<>();
        CompiledDecisionSet compiled = limitsAndCompile(bundle, version, messages);
        if (compiled == null) {
            return rejected(messages);
        }
        messages.addAll(compiled.compilerWarnings());
        messages.addAll(dmnValidation(bundle, compiled, compiled.manifest().validation()));
        if (!hasErrors(messages)) {
            try {
                messages.addAll(scenarioResults(bundle, compiled));
            } catch (RuntimeException e) {
                messages.add(CompilationMessage.error("", "the scenario suites could not be run, so the bundle is"
                        + " refused: " + e));
            }
        }
        List<CompilationMessage> distinct = List.copyOf(new LinkedHashSet<>(messages));
        return hasErrors(distinct) ? rejected(distinct) : new ValidatedBundle(new ValidationReport(distinct), Optional.of(compiled));
    }

    /**
     * Validates a bundle that {@code certificate} may cover: when it covers exactly these files under this gate's
     * table evaluation, the limits and the compile run and the report is the certificate's; otherwise the whole gate.
     */
    public ValidatedBundle validate(DecisionSetBundle bundle, long version, ValidationCertificate certificate) {
        if (!certificate.covers(bundle, compiler.compiledTables())) {
            // a file changed after the certificate was written, or the build's tests did not run: correct, but slower
            LOG.infof("decision set %s: its certificate does not cover these files, so the whole gate runs",
                    bundle.name());
            return validate(bundle, version);
        }
        List<CompilationMessage> messages = new ArrayList<>();
        CompiledDecisionSet compiled = limitsAndCompile(bundle, version, messages);
        return compiled == null ? rejected(messages)
                : new ValidatedBundle(new ValidationReport(certificate.messages()), Optional.of(compiled));
    }

    /** The whole gate's report on an accepted bundle, as a certificate; an {@link IllegalArgumentException} if rejected. */
    public ValidationCertificate certify(DecisionSetBundle bundle) {
        ValidationReport report = validate(bundle, 0).report();
        if (!report.accepted()) {
            throw new IllegalArgumentException("decision set " + bundle.name() + " fails validation: " + report);
        }
        return new ValidationCertificate(ValidationCertificate.sha256(bundle), compiler.compiledTables(),
                report.messages());
    }

    /** The first two stages: the compiled candidate, or null with the errors added to {@code messages}. */
    private CompiledDecisionSet limitsAndCompile(DecisionSetBundle bundle, long version,
                                                 List<CompilationMessage> messages) {
        messages.addAll(BundleLimits.check(bundle));
        if (hasErrors(messages)) {
            return null;
        }
        try {
            return compiler.compile(bundle, version);
        } catch (DecisionSetCompilationException e) {
            messages.addAll(e.messages());
        } catch (RuntimeException | StackOverflowError e) {
            messages.add(CompilationMessage.error("", "the bundle cannot be compiled, so it is refused: " + e));
        }
        return null;
    }

    private List<CompilationMessage> dmnValidation(DecisionSetBundle bundle, CompiledDecisionSet compiled,
                                                   DecisionSetManifest.ValidationPolicy policy) {
        Map<String, String> fileOfId = new HashMap<>();
        List<Reader> models = new ArrayList<>();
        for (CompiledModel model : compiled.models()) {
            models.add(new StringReader(bundle.files().get(model.file())));
            elementIds(model.model().getDefinitions(), model.file(), fileOfId);
        }
        List<DMNMessage> found;
        try {
            found = runDmnValidator(models.toArray(Reader[]::new));
        } catch (RuntimeException | StackOverflowError e) {
            return List.of(new CompilationMessage("", null, null, policy.strict() ? CompilationMessage.Severity.ERROR
                    : CompilationMessage.Severity.WARNING, "kie's DMN validator failed on the models: " + e));
        }
        List<CompilationMessage> messages = new ArrayList<>();
        for (DMNMessage message : found) {
            String id = message.getSourceId();
            messages.add(new CompilationMessage(id == null ? "" : fileOfId.getOrDefault(id, ""), id, null,
                    severity(message, policy), message.getText()));
        }
        return messages;
    }

    private synchronized List<DMNMessage> runDmnValidator(Reader[] models) {
        if (dmnValidator == null) {
            dmnValidator = DMNValidatorFactory.newValidator();
        }
        return dmnValidator.validateUsing(DMNValidator.Validation.VALIDATE_SCHEMA,
                        DMNValidator.Validation.VALIDATE_MODEL, DMNValidator.Validation.VALIDATE_COMPILATION,
                        DMNValidator.Validation.ANALYZE_DECISION_TABLE)
                .theseModels(models);
    }

    /** Which file each element id belongs to, so that a validator message points at its file. */
    private static void elementIds(DMNModelInstrumentedBase element, String file, Map<String, String> fileOfId) {
        if (element instanceof DMNElement named && named.getId() != null) {
            fileOfId.putIfAbsent(named.getId(), file);
        }
        for (DMNModelInstrumentedBase child : element.getChildren()) {
            elementIds(child, file, fileOfId);
        }
    }

    private static CompilationMessage.Severity severity(DMNMessage message, DecisionSetManifest.ValidationPolicy policy) {
        DMNMessageType type = message.getMessageType();
        if (GAPS_AND_OVERLAPS.contains(type)) {
            return policy.tableGapsAndOverlapsAreErrors() ? CompilationMessage.Severity.ERROR
                    : CompilationMessage.Severity.WARNING;
        }
        if (DIAGRAM_ONLY.contains(type) || (type != null && type.name().startsWith("DECISION_TABLE_"))) {
            return CompilationMessage.Severity.WARNING;
        }
        if (type == DMNMessageType.MISSING_OUTPUT_VALUES) {
            // A PRIORITY table output without an output-values list: the engine ranks by the outputs that have
            // one, and the DMN TCK (0118-multi-priority-hitpolicy) expects such a model to evaluate.
            return CompilationMessage.Severity.WARNING;
        }
        return switch (message.getSeverity()) {
            case ERROR -> policy.strict() ? CompilationMessage.Severity.ERROR : CompilationMessage.Severity.WARNING;
            case WARN -> CompilationMessage.Severity.WARNING;
            default -> CompilationMessage.Severity.INFO;
        };
    }

    private List<CompilationMessage> scenarioResults(DecisionSetBundle bundle, CompiledDecisionSet compiled) {
        List<CompilationMessage> messages = new ArrayList<>();
        ScenarioSuite.Suites parsed = ScenarioSuite.parseAll(compiled.manifest().scenarios(), bundle.files());
        parsed.errors().forEach((file, error) -> messages.add(
                CompilationMessage.error(file, "scenario suite is not valid: " + error)));
        List<ScenarioSuite> suites = parsed.suites();
        if (!messages.isEmpty() || suites.isEmpty()) {
            return messages;
        }
        for (ScenarioRunner.CaseResult result : scenarios.run(compiled, suites).cases()) {
            if (!result.passed()) {
                messages.add(CompilationMessage.error(result.suite(), "scenario '" + result.scenario() + "' fails: "
                        + String.join("; ", result.failures())));
            }
        }
        return messages;
    }

    private static boolean hasErrors(List<CompilationMessage> messages) {
        return messages.stream().anyMatch(m -> m.severity() == CompilationMessage.Severity.ERROR);
    }

    private static ValidatedBundle rejected(List<CompilationMessage> messages) {
        return new ValidatedBundle(new ValidationReport(messages), Optional.empty());
    }
}
