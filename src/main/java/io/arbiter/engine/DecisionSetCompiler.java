package io.arbiter.engine;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.drools.drl.ast.descr.PackageDescr;
import org.drools.io.DescrResource;
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

import io.arbiter.bundle.CompilationMessage;
import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.bundle.DecisionSetManifest;
import io.arbiter.engine.table.CompiledTables;
import io.arbiter.safety.SourceGate;

/**
 * Compiles a decision-set bundle at run time into an immutable {@link CompiledDecisionSet}: the DMN models with
 * {@link DMNRuntimeBuilder}, the DRL rules into a Drools {@link KieBase} and the alert rules into another. The same path serves the shipped sets at
 * start-up, every publication and every node that compiles a stored version; nothing is generated at build time.
 * Nothing is compiled before it passes the safety checks ({@link SourceGate}), and the rules compiled are the
 * syntax trees those checks read.
 */
public final class DecisionSetCompiler {

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

    /** Whether decision tables run from compiled plans ({@link CompiledTables}) rather than kie's interpreter. */
    public boolean compiledTables() {
        return compiledTables;
    }

    public CompiledDecisionSet compile(DecisionSetBundle bundle, long version) throws DecisionSetCompilationException {
        SourceGate.Result gate = SourceGate.check(bundle);
        if (!gate.accepted()) {
            throw new DecisionSetCompilationException(bundle.name(), gate.errors());
        }
        SourceGate.CheckedSources sources = gate.sources();
        DecisionSetManifest manifest = sources.layout().manifest();
        List<CompilationMessage> errors = new ArrayList<>();
        List<CompilationMessage> warnings = new ArrayList<>();
        List<CompiledModel> models = new ArrayList<>();
        DMNRuntime runtime;
        Optional<KieBase> rules;
        Optional<KieBase> alerts;
        try {
            runtime = compileModels(bundle, sources, models, errors, warnings);
            rules = compileRules(manifest.rules(), sources.rules(), errors);
            alerts = compileRules(manifest.alerts(), sources.alerts(), errors);
        } catch (StackOverflowError e) {
            throw new DecisionSetCompilationException(bundle.name(), List.of(CompilationMessage.error("",
                    "the compiler ran out of stack: an expression is nested too deeply")));
        }
        if (!errors.isEmpty()) {
            throw new DecisionSetCompilationException(bundle.name(), errors);
        }
        Optional<KieSessionsPool> sessions = rules.map(kieBase -> kieBase.newKieSessionsPool(SESSION_POOL_SIZE));
        Optional<KieSessionsPool> alertSessions = alerts.map(kieBase -> kieBase.newKieSessionsPool(SESSION_POOL_SIZE));
        return new CompiledDecisionSet(bundle.name(), version, manifest, runtime, List.copyOf(models), rules, sessions,
                alertSessions, List.copyOf(warnings));
    }

    private DMNRuntime compileModels(DecisionSetBundle bundle, SourceGate.CheckedSources sources,
                                     List<CompiledModel> models, List<CompilationMessage> errors,
                                     List<CompilationMessage> warnings) {
        DecisionSetManifest manifest = sources.layout().manifest();
        List<Resource> resources = new ArrayList<>();
        for (String file : manifest.models()) {
            Resource resource = ResourceFactory.newByteArrayResource(bundle.files().get(file).getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(file);
            resource.setResourceType(ResourceType.DMN);
            resources.add(resource);
        }
        // Runtime type checks: an input or a decision-service argument of the wrong type is an error, not a guess.
        DMNRuntimeBuilder builder = DMNRuntimeBuilder.fromDefaults()
                .setRootClassLoader(NoClasses.INSTANCE)
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
        runtime.addListener(EvaluationTrace.LISTENER);
        Map<String, DMNModel> byFile = new LinkedHashMap<>();
        for (DMNModel model : runtime.getModels()) {
            byFile.put(model.getResource().getSourcePath(), model);
        }
        // a manifest's list orders the models; without one, kie's order (each model after those it imports) does
        List<String> order = sources.layout().modelOrderGiven() ? manifest.models() : List.copyOf(byFile.keySet());
        boolean strict = manifest.validation().strict();
        for (String file : order) {
            DMNModel model = byFile.get(file);
            if (model == null) {
                errors.add(CompilationMessage.error(file, "no DMN model was compiled from this file"));
                continue;
            }
            for (DMNMessage message : model.getMessages(DMNMessage.Severity.ERROR)) {
                CompilationMessage.Severity severity = strict ? CompilationMessage.Severity.ERROR
                        : CompilationMessage.Severity.WARNING;
                (strict ? errors : warnings).add(new CompilationMessage(file, message.getSourceId(), null, severity,
                        message.getText()));
            }
            Map<String, List<String>> annotations = rowAnnotations(model);
            models.add(new CompiledModel(file, model, annotations, DirectModel.of(runtime, model, annotations)));
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

    /**
     * Builds one knowledge base from the syntax trees the gate checked, never from the text again: the decision
     * rules, or the alert rules, which never share a knowledge base (each sees only its own facts).
     */
    private static Optional<KieBase> compileRules(List<String> files, Map<String, PackageDescr> checked,
                                                  List<CompilationMessage> errors) {
        if (files.isEmpty()) {
            return Optional.empty();
        }
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (String file : files) {
            DescrResource resource = new DescrResource(checked.get(file));
            resource.setSourcePath(file);
            builder.add(resource, ResourceType.DESCR);
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

    /**
     * The root class loader of every DMN runtime: it loads no class. kie-dmn loads the Java classes of FEEL external
     * functions and of Java function definitions through it, so even a model that got past the safety checks could
     * not reach a Java method; nothing else in kie's interpreted DMN loads classes through it.
     */
    static final class NoClasses extends ClassLoader {
        static final NoClasses INSTANCE = new NoClasses();

        private NoClasses() {
            super(null);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            throw new ClassNotFoundException(name + ": DMN models may not load Java classes");
        }

        @Override
        public URL getResource(String name) {
            return null;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return Collections.emptyEnumeration();
        }
    }
}
