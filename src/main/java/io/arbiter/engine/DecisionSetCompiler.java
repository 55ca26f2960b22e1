package io.arbiter.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kie.api.KieBase;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.core.compiler.DMNCompilerConfigurationImpl;
import org.kie.dmn.core.compiler.RuntimeTypeCheckOption;
import org.kie.dmn.core.internal.utils.DMNRuntimeBuilder;
import org.kie.dmn.feel.util.Either;
import org.kie.dmn.model.api.DecisionRule;
import org.kie.dmn.model.api.DecisionTable;
import org.kie.dmn.model.api.RuleAnnotation;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import io.arbiter.engine.table.CompiledTables;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Compiles a decision-set bundle at run time into an immutable {@link CompiledDecisionSet}: the DMN models with
 * {@link DMNRuntimeBuilder}, the DRL rules into a Drools {@link KieBase}. The same path serves the shipped set at
 * start-up and every later publication; nothing is generated at build time.
 */
public final class DecisionSetCompiler {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** Drools sessions kept ready per compiled set; more are created on demand when all are in use. */
    private static final int SESSION_POOL_SIZE = 16;

    private final boolean compiledTables;

    /** With compiled decision tables ({@link CompiledTables}), the default. */
    public DecisionSetCompiler() {
        this(true);
    }

    /** {@code compiledTables = false} keeps every table on kie-dmn's interpreter (the escape hatch, and the oracle). */
    public DecisionSetCompiler(boolean compiledTables) {
        this.compiledTables = compiledTables;
    }

    public CompiledDecisionSet compile(DecisionSetBundle bundle, long version) throws DecisionSetCompilationException {
        List<CompilationMessage> errors = new ArrayList<>();
        DecisionSetManifest manifest = manifest(bundle, errors);
        if (manifest == null) {
            throw new DecisionSetCompilationException(bundle.name(), errors);
        }
        List<CompiledModel> models = new ArrayList<>();
        DMNRuntime runtime = compileModels(bundle, manifest, models, errors);
        Optional<KieBase> rules = compileRules(bundle, manifest, errors);
        if (!errors.isEmpty()) {
            throw new DecisionSetCompilationException(bundle.name(), errors);
        }
        runtime.addListener(EvaluationTrace.LISTENER);
        Optional<KieSessionsPool> sessions = rules.map(kieBase -> kieBase.newKieSessionsPool(SESSION_POOL_SIZE));
        return new CompiledDecisionSet(bundle.name(), version, manifest, runtime, List.copyOf(models), rules, sessions);
    }

    private static DecisionSetManifest manifest(DecisionSetBundle bundle, List<CompilationMessage> errors) {
        String file = bundle.manifestFile();
        String text = bundle.files().get(file);
        if (text == null) {
            errors.add(CompilationMessage.error(file, "the bundle has no manifest " + file));
            return null;
        }
        DecisionSetManifest manifest;
        try {
            manifest = YAML.readValue(text, DecisionSetManifest.class);
        } catch (Exception e) {
            errors.add(CompilationMessage.error(file, "manifest is not valid: " + e.getMessage()));
            return null;
        }
        if (manifest == null) {
            errors.add(CompilationMessage.error(file, "manifest is empty"));
            return null;
        }
        if (manifest.name() != null && !manifest.name().equals(bundle.name())) {
            errors.add(CompilationMessage.error(file, "manifest names set '" + manifest.name()
                    + "' but the bundle is '" + bundle.name() + "'"));
        }
        for (String listed : concat(manifest.models(), manifest.rules(), manifest.scenarios())) {
            if (!bundle.files().containsKey(listed)) {
                errors.add(CompilationMessage.error(file, "lists " + listed + ", which is not in the bundle"));
            }
        }
        if (manifest.models().isEmpty()) {
            errors.add(CompilationMessage.error(file, "lists no DMN model"));
        }
        return errors.isEmpty() ? manifest : null;
    }

    private DMNRuntime compileModels(DecisionSetBundle bundle, DecisionSetManifest manifest,
                                            List<CompiledModel> models, List<CompilationMessage> errors) {
        List<Resource> resources = new ArrayList<>();
        for (String file : manifest.models()) {
            Resource resource = ResourceFactory.newByteArrayResource(bundle.files().get(file).getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(file);
            resource.setResourceType(ResourceType.DMN);
            resources.add(resource);
        }
        // Runtime type checks: an input or a decision-service argument of the wrong type is an error, not a guess.
        DMNRuntimeBuilder builder = DMNRuntimeBuilder.fromDefaults()
                .setRootClassLoader(DecisionSetCompiler.class.getClassLoader())
                .setOption(new RuntimeTypeCheckOption(true));
        // Budget checkpoints between the decisions of a model, around whichever evaluators are in use.
        builder.setDecisionLogicCompilerFactory(new BudgetCheckpoints(compiledTables ? new CompiledTables()
                : new DMNCompilerConfigurationImpl.KieDefaultDMNDecisionLogicCompilerFactory()));
        Either<Exception, DMNRuntime> built = builder.buildConfiguration()
                .fromResources(resources);
        DMNRuntime runtime = built.cata(failure -> {
            errors.add(CompilationMessage.error(String.join(", ", manifest.models()),
                    "DMN compilation failed: " + failure.getMessage()));
            return null;
        }, compiled -> compiled);
        if (runtime == null) {
            return null;
        }
        Map<String, DMNModel> byFile = new LinkedHashMap<>();
        for (DMNModel model : runtime.getModels()) {
            byFile.put(model.getResource().getSourcePath(), model);
        }
        for (String file : manifest.models()) {
            DMNModel model = byFile.get(file);
            if (model == null) {
                errors.add(CompilationMessage.error(file, "no DMN model was compiled from this file"));
                continue;
            }
            for (DMNMessage message : model.getMessages(DMNMessage.Severity.ERROR)) {
                errors.add(new CompilationMessage(file, message.getSourceId(), null,
                        CompilationMessage.Severity.ERROR, message.getText()));
            }
            models.add(new CompiledModel(file, model, rowAnnotations(model)));
        }
        return runtime;
    }

    private static Map<String, List<String>> rowAnnotations(DMNModel model) {
        Map<String, List<String>> annotations = new LinkedHashMap<>();
        for (DecisionTable table : model.getDefinitions().findAllChildren(DecisionTable.class)) {
            for (DecisionRule rule : table.getRule()) {
                List<String> texts = new ArrayList<>();
                for (RuleAnnotation annotation : rule.getAnnotationEntry()) {
                    if (annotation.getText() != null && !annotation.getText().isBlank()) {
                        texts.add(annotation.getText().strip());
                    }
                }
                if (rule.getId() != null) {
                    annotations.put(rule.getId(), List.copyOf(texts));
                }
            }
        }
        return Map.copyOf(annotations);
    }

    private static Optional<KieBase> compileRules(DecisionSetBundle bundle, DecisionSetManifest manifest,
                                                  List<CompilationMessage> errors) {
        if (manifest.rules().isEmpty()) {
            return Optional.empty();
        }
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (String file : manifest.rules()) {
            Resource resource = ResourceFactory.newByteArrayResource(bundle.files().get(file).getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(file);
            builder.add(resource, ResourceType.DRL);
            for (KnowledgeBuilderError error : builder.getErrors()) {
                int[] lines = error.getLines();
                errors.add(new CompilationMessage(file, null, lines.length > 0 && lines[0] > 0 ? lines[0] : null,
                        CompilationMessage.Severity.ERROR, error.getMessage()));
            }
            if (builder.hasErrors()) {
                return Optional.empty();
            }
        }
        return Optional.of(builder.newKieBase());
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
