package io.arbiter.bundle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The role of every file of a bundle, taken from its manifest ({@code <set>.yaml}): each file listed under
 * {@code models} is a DMN model, under {@code rules} DRL, under {@code alerts} DRL alert rules, under
 * {@code scenarios} a scenario suite. A file's
 * extension never decides what it is checked or compiled as, so a DRL file named {@code x.yml} is still DRL to the
 * safety checks. A file listed twice, or under no role, is an error: everything published is checked for what it
 * is, and nothing rides along unchecked.
 *
 * <p>Without a manifest (standard DMN brought from another tool) the bundle's {@code .dmn} files are its models,
 * its {@code .drl} files its rules, and it maps no customer outputs; any other file is an error. A manifest that
 * does not list models (or rules) takes them from the file names the same way (the files it lists as alerts
 * excepted), so a manifest can set only the validation level. Alert rules are never taken from file names.
 *
 * @param modelOrderGiven whether the manifest lists the models (in evaluation order); when it does not, they are
 *                        evaluated in an order where each comes after the models it imports
 */
public record BundleLayout(DecisionSetManifest manifest, boolean modelOrderGiven, Map<String, FileRole> roles) {

    /** A layout, or the errors that prevent one. */
    public record Result(BundleLayout layout, List<CompilationMessage> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    public BundleLayout {
        roles = Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }

    public static Result of(DecisionSetBundle bundle) {
        String manifestFile = bundle.manifestFile();
        String manifestText = bundle.files().get(manifestFile);
        List<CompilationMessage> errors = new ArrayList<>();
        DecisionSetManifest manifest;
        if (manifestText == null) {
            manifest = new DecisionSetManifest(bundle.name(), null, null, null, null, Map.of(), List.of(), null);
        } else {
            try {
                manifest = ManifestReader.read(manifestText);
            } catch (IOException | RuntimeException e) {
                return failed(CompilationMessage.error(manifestFile, "manifest is not valid: " + e.getMessage()));
            }
            if (manifest.name() != null && !manifest.name().equals(bundle.name())) {
                errors.add(CompilationMessage.error(manifestFile, "manifest names set '" + manifest.name()
                        + "' but the bundle is '" + bundle.name() + "'"));
            }
        }
        boolean modelOrderGiven = manifest.models() != null;
        List<String> alerts = manifest.alerts();
        manifest = manifest.withModelsAndRules(filesEndingIn(bundle, ".dmn"),
                filesEndingIn(bundle, ".drl").stream().filter(file -> !alerts.contains(file)).toList());
        Map<String, FileRole> roles = new LinkedHashMap<>();
        if (manifestText != null) {
            roles.put(manifestFile, FileRole.MANIFEST);
        }
        String listedIn = manifestText != null ? manifestFile : "the bundle";
        assign(roles, manifest.models(), FileRole.MODEL, bundle, listedIn, errors);
        assign(roles, manifest.rules(), FileRole.RULES, bundle, listedIn, errors);
        assign(roles, manifest.alerts(), FileRole.ALERT_RULES, bundle, listedIn, errors);
        assign(roles, manifest.scenarios(), FileRole.SCENARIOS, bundle, listedIn, errors);
        for (String file : bundle.files().keySet()) {
            if (!roles.containsKey(file)) {
                errors.add(CompilationMessage.error(file, manifestText != null
                        ? "the file has no role: " + manifestFile + " lists it under none of models, rules, alerts and scenarios"
                        : "the file has no role: without a manifest only .dmn models and .drl rules can be published;"
                        + " add " + manifestFile + " to list it"));
            }
        }
        if (manifest.models().isEmpty()) {
            errors.add(CompilationMessage.error(manifestText != null ? manifestFile : "",
                    manifestText != null ? "lists no DMN model" : "the bundle has no .dmn model"));
        }
        return errors.isEmpty() ? new Result(new BundleLayout(manifest, modelOrderGiven, roles), List.of())
                : new Result(null, List.copyOf(errors));
    }

    private static void assign(Map<String, FileRole> roles, List<String> files, FileRole role, DecisionSetBundle bundle,
                               String listedIn, List<CompilationMessage> errors) {
        for (String file : files) {
            FileRole earlier = roles.putIfAbsent(file, role);
            if (earlier != null) {
                errors.add(CompilationMessage.error(file, listedIn + " gives the file two roles: "
                        + earlier.description() + " and " + role.description()));
            } else if (!bundle.files().containsKey(file)) {
                errors.add(CompilationMessage.error(listedIn.equals("the bundle") ? "" : listedIn,
                        "lists " + file + ", which is not in the bundle"));
            }
        }
    }

    private static List<String> filesEndingIn(DecisionSetBundle bundle, String extension) {
        return bundle.files().keySet().stream().filter(file -> file.endsWith(extension)).sorted().toList();
    }

    private static Result failed(CompilationMessage error) {
        return new Result(null, List.of(error));
    }
}
