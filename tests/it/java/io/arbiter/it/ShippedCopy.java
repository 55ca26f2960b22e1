package io.arbiter.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The shipped decision set's files under another set name, without its scenarios, as a publication's files. */
final class ShippedCopy {

    private ShippedCopy() {
    }

    static Map<String, String> files(String set) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(set + ".yaml", Files.readString(Path.of("decisions", "customer-value.yaml"))
                .replace("name: customer-value", "name: " + set).replaceAll("(?s)\\nscenarios:.*", "\n"));
        files.put("value-tier.dmn", Files.readString(Path.of("dmn", "value-tier.dmn")));
        files.put("risk-grade.dmn", Files.readString(Path.of("dmn", "risk-grade.dmn")));
        for (String rules : new String[] {"retention-actions.drl", "customer-alerts.drl"}) {
            files.put(rules, Files.readString(Path.of("src", "main", "resources", "rules", rules)));
        }
        return files;
    }
}
