package io.arbiter.safety;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.drools.drl.ast.descr.PackageDescr;

import io.arbiter.bundle.BundleLayout;
import io.arbiter.bundle.CompilationMessage;
import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.bundle.FileRole;

/**
 * The safety checks of a bundle, before anything in it is compiled: the role of each file comes from the manifest
 * ({@link BundleLayout}), and each file is checked for that role: models by {@link DmnSafety} (XML read safely
 * first), rules by {@link DrlSafety} against the decision vocabulary and alert rules against the alert vocabulary
 * ({@link RuleVocabulary}), so a decision rule cannot name an outcome change nor an alert rule a customer. Scenario suites are data, read by their own strict parser when they run. The
 * result carries the parsed rules, so the compiler compiles exactly the trees that were checked. Every node runs
 * these checks again when it compiles a stored version, so a version stored before a check existed cannot run.
 * A file the checks cannot read at all (a parser failure, nesting deep enough to exhaust the stack) is refused:
 * the gate fails closed.
 */
public final class SourceGate {

    /** Checked sources, or the errors that refuse them. */
    public record Result(CheckedSources sources, List<CompilationMessage> errors) {
        public boolean accepted() {
            return sources != null;
        }
    }

    /** A bundle whose every file passed the checks for its role, with its rules and alert rules as parsed. */
    public record CheckedSources(DecisionSetBundle bundle, BundleLayout layout, Map<String, PackageDescr> rules,
                                 Map<String, PackageDescr> alerts) {
    }

    private SourceGate() {
    }

    public static Result check(DecisionSetBundle bundle) {
        BundleLayout.Result layout = BundleLayout.of(bundle);
        if (!layout.valid()) {
            return new Result(null, layout.errors());
        }
        List<CompilationMessage> errors = new ArrayList<>();
        Map<String, PackageDescr> rules = new LinkedHashMap<>();
        Map<String, PackageDescr> alerts = new LinkedHashMap<>();
        layout.layout().roles().forEach((file, role) -> {
            String text = bundle.files().get(file);
            try {
                if (role == FileRole.MODEL) {
                    errors.addAll(DmnSafety.check(file, text));
                } else if (role == FileRole.RULES) {
                    drl(file, text, RuleVocabulary.DECISIONS, rules, errors);
                } else if (role == FileRole.ALERT_RULES) {
                    drl(file, text, RuleVocabulary.ALERTS, alerts, errors);
                }
            } catch (StackOverflowError e) {
                errors.add(CompilationMessage.error(file, "the file is nested too deeply to be checked; flatten its"
                        + " expressions"));
            } catch (RuntimeException e) {
                errors.add(CompilationMessage.error(file, "the file cannot be checked as " + role.description()
                        + ", so it is refused: " + e));
            }
        });
        return errors.isEmpty() ? new Result(new CheckedSources(bundle, layout.layout(), rules, alerts), List.of())
                : new Result(null, List.copyOf(errors));
    }

    private static void drl(String file, String text, RuleVocabulary vocabulary, Map<String, PackageDescr> accepted,
                            List<CompilationMessage> errors) {
        DrlSafety.Checked checked = DrlSafety.check(file, text, vocabulary);
        errors.addAll(checked.errors());
        if (checked.accepted()) {
            accepted.put(file, checked.descr());
        }
    }
}
