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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNMessageType;
import org.kie.dmn.validation.DMNValidator;
import org.kie.dmn.validation.DMNValidatorFactory;

import io.arbiter.engine.CompilationMessage;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.DecisionSetBundle;
import io.arbiter.engine.DecisionSetCompilationException;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.scenario.ScenarioRunner;
import io.arbiter.scenario.ScenarioSuite;

/**
 * The gate every publication passes, in order, stopping at the first stage with errors: bundle limits; safety
 * (DMN and DRL are code: see {@link DmnSafety}, {@link DrlSafety}); kie-dmn's {@link DMNValidator} (schema, model,
 * compilation, decision-table analysis); the run-time compile itself (DMN and DRL build results); the bundle's
 * scenario suites against the compiled candidate. The compiled candidate is returned so it is compiled only once.
 */
public final class BundleValidator {

    /** The report, and the compiled set when the report accepts the bundle. */
    public record Outcome(ValidationReport report, Optional<CompiledDecisionSet> compiled) {
    }

    private static final Set<DMNMessageType> GAPS_AND_OVERLAPS = Set.of(DMNMessageType.DECISION_TABLE_GAP,
            DMNMessageType.DECISION_TABLE_OVERLAP, DMNMessageType.DECISION_TABLE_OVERLAP_HITPOLICY_UNIQUE,
            DMNMessageType.DECISION_TABLE_OVERLAP_HITPOLICY_ANY);
    private static final Pattern XML_ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    private final DecisionSetCompiler compiler;
    private final ScenarioRunner scenarios;
    private final DMNValidator dmnValidator = DMNValidatorFactory.newValidator();

    public BundleValidator(DecisionSetCompiler compiler, ScenarioRunner scenarios) {
        this.compiler = compiler;
        this.scenarios = scenarios;
    }

    public Outcome validate(DecisionSetBundle bundle, long version) {
        List<CompilationMessage> messages = new ArrayList<>(BundleLimits.check(bundle));
        if (hasErrors(messages)) {
            return rejected(messages);
        }
        bundle.files().forEach((file, text) -> {
            if (file.endsWith(".dmn")) {
                messages.addAll(DmnSafety.check(file, text));
            } else if (file.endsWith(".drl")) {
                messages.addAll(DrlSafety.check(file, text));
            }
        });
        if (hasErrors(messages)) {
            return rejected(messages);
        }
        CompiledDecisionSet compiled;
        try {
            compiled = compiler.compile(bundle, version);
        } catch (DecisionSetCompilationException e) {
            messages.addAll(e.messages());
            return rejected(messages);
        }
        messages.addAll(dmnValidation(bundle, compiled.manifest().validation().tableGapsAndOverlapsAreErrors()));
        messages.addAll(scenarioResults(bundle, compiled));
        List<CompilationMessage> distinct = List.copyOf(new LinkedHashSet<>(messages));
        return hasErrors(distinct) ? rejected(distinct) : new Outcome(new ValidationReport(distinct), Optional.of(compiled));
    }

    private List<CompilationMessage> dmnValidation(DecisionSetBundle bundle, boolean gapsAreErrors) {
        Map<String, String> fileOfId = new HashMap<>();
        List<Reader> models = new ArrayList<>();
        bundle.files().forEach((file, text) -> {
            if (file.endsWith(".dmn")) {
                models.add(new StringReader(text));
                Matcher ids = XML_ID.matcher(text);
                while (ids.find()) {
                    fileOfId.putIfAbsent(ids.group(1), file);
                }
            }
        });
        List<DMNMessage> found;
        synchronized (dmnValidator) {
            found = dmnValidator.validateUsing(DMNValidator.Validation.VALIDATE_SCHEMA,
                            DMNValidator.Validation.VALIDATE_MODEL, DMNValidator.Validation.VALIDATE_COMPILATION,
                            DMNValidator.Validation.ANALYZE_DECISION_TABLE)
                    .theseModels(models.toArray(Reader[]::new));
        }
        List<CompilationMessage> messages = new ArrayList<>();
        for (DMNMessage message : found) {
            CompilationMessage.Severity severity = severity(message, gapsAreErrors);
            String id = message.getSourceId();
            messages.add(new CompilationMessage(id == null ? "" : fileOfId.getOrDefault(id, ""), id, null, severity,
                    message.getText()));
        }
        return messages;
    }

    private static CompilationMessage.Severity severity(DMNMessage message, boolean gapsAreErrors) {
        DMNMessageType type = message.getMessageType();
        if (GAPS_AND_OVERLAPS.contains(type)) {
            return gapsAreErrors ? CompilationMessage.Severity.ERROR : CompilationMessage.Severity.WARNING;
        }
        if (type != null && type.name().startsWith("DECISION_TABLE_")) {
            return CompilationMessage.Severity.WARNING;
        }
        if (type == DMNMessageType.MISSING_OUTPUT_VALUES) {
            // A PRIORITY table output without an output-values list: the engine ranks by the outputs that have
            // one, and the DMN TCK (0118-multi-priority-hitpolicy) expects such a model to evaluate.
            return CompilationMessage.Severity.WARNING;
        }
        return switch (message.getSeverity()) {
            case ERROR -> CompilationMessage.Severity.ERROR;
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

    private static Outcome rejected(List<CompilationMessage> messages) {
        return new Outcome(new ValidationReport(messages), Optional.empty());
    }
}
