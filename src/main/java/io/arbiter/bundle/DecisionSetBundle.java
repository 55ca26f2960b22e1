package io.arbiter.bundle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The source of one decision set version: file name to text (DMN models, DRL files, manifest, scenario suites). */
public record DecisionSetBundle(String name, Map<String, String> files) {

    public DecisionSetBundle {
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** The manifest's file name within the bundle. */
    public String manifestFile() {
        return name + ".yaml";
    }
}
