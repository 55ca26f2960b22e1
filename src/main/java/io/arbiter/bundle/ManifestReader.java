package io.arbiter.bundle;

import java.io.IOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The one reader of decision-set manifests, for publications and for the shipped sets alike: strict, so that a
 * misspelt key is an error rather than a silently ignored setting. SnakeYAML (under Jackson) builds no objects of
 * its own and bounds aliases, nesting and size, so a manifest cannot expand or reach outside the text.
 */
public final class ManifestReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ManifestReader() {
    }

    /** The manifest in {@code text}; an {@link IOException} says why it is not one. */
    public static DecisionSetManifest read(String text) throws IOException {
        DecisionSetManifest manifest = YAML.readValue(text, DecisionSetManifest.class);
        if (manifest == null) {
            throw new IOException("the manifest is empty");
        }
        return manifest;
    }
}
