package io.arbiter.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.arbiter.bundle.CompilationMessage;
import io.arbiter.bundle.DecisionSetBundle;

/** Size, count and naming limits of a published bundle: checked before anything in it is parsed. */
public final class BundleLimits {

    public static final int MAX_FILES = 64;
    public static final int MAX_FILE_BYTES = 2 * 1024 * 1024;
    public static final int MAX_TOTAL_BYTES = 8 * 1024 * 1024;
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}\\.(dmn|drl|yaml|yml)");

    private BundleLimits() {
    }

    static List<CompilationMessage> check(DecisionSetBundle bundle) {
        List<CompilationMessage> errors = new ArrayList<>();
        if (bundle.files().size() > MAX_FILES) {
            errors.add(CompilationMessage.error("", "the bundle has " + bundle.files().size()
                    + " files; at most " + MAX_FILES + " are accepted"));
        }
        long total = 0;
        for (Map.Entry<String, String> file : bundle.files().entrySet()) {
            if (!FILE_NAME.matcher(file.getKey()).matches()) {
                errors.add(CompilationMessage.error(file.getKey(), "file names are 1-128 characters of A-Z a-z 0-9 . _ -"
                        + " ending in .dmn, .drl, .yaml or .yml, without folders"));
            }
            int bytes = file.getValue().getBytes(StandardCharsets.UTF_8).length;
            total += bytes;
            if (bytes > MAX_FILE_BYTES) {
                errors.add(CompilationMessage.error(file.getKey(), "the file has " + bytes + " bytes; at most "
                        + MAX_FILE_BYTES + " are accepted"));
            }
        }
        if (total > MAX_TOTAL_BYTES) {
            errors.add(CompilationMessage.error("", "the bundle has " + total + " bytes; at most " + MAX_TOTAL_BYTES
                    + " are accepted"));
        }
        return errors;
    }
}
