package io.arbiter.repository;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.bundle.DecisionSetManifest;
import io.arbiter.bundle.ManifestReader;
import io.arbiter.validation.ValidationCertificate;

/**
 * Reads a decision set shipped with the service from the class path: the manifest {@code decisions/<name>.yaml},
 * the DMN models it lists from {@code dmn/}, its DRL (rules and alert rules) from {@code rules/} and its scenario suites from
 * {@code decisions/<name>/}. The bundle's file names are the bare names the manifest uses. Beside the manifest is the
 * set's {@link ValidationCertificate} ({@link #certificatePath}).
 */
public final class ShippedBundles {

    private ShippedBundles() {
    }

    public static DecisionSetBundle load(String name) {
        String manifestText = read("decisions/" + name + ".yaml");
        DecisionSetManifest manifest;
        try {
            manifest = ManifestReader.read(manifestText);
        } catch (IOException e) {
            throw new UncheckedIOException("shipped manifest of " + name + " is unreadable", e);
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put(name + ".yaml", manifestText);
        // a shipped manifest lists its files: they live in different folders, so there are no names to derive them from
        manifest.models().forEach(file -> files.put(file, read("dmn/" + file)));
        Optional.ofNullable(manifest.rules()).orElse(List.of()).forEach(file -> files.put(file, read("rules/" + file)));
        manifest.alerts().forEach(file -> files.put(file, read("rules/" + file)));
        manifest.scenarios().forEach(file -> files.put(file, read("decisions/" + name + "/" + file)));
        return new DecisionSetBundle(name, files);
    }

    /** Where the set's certificate is, relative to the class path's root (in the source: {@code decisions/}). */
    public static String certificatePath(String name) {
        return "decisions/" + name + ".validation.json";
    }

    /** The set's certificate; empty when there is none. */
    public static Optional<ValidationCertificate> certificate(String name) {
        try (InputStream in = ShippedBundles.class.getClassLoader().getResourceAsStream(certificatePath(name))) {
            return in == null ? Optional.empty()
                    : Optional.of(ValidationCertificate.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String path) {
        try (InputStream in = ShippedBundles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("shipped file " + path + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
