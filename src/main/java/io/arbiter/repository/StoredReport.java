package io.arbiter.repository;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.arbiter.bundle.CompilationMessage;

/**
 * A validation report as stored and answered: at most {@link #MAX_ENTRIES} entries, so that a version's metadata
 * stays small whatever the bundle. A bundle can produce thousands of findings (every gap and overlap of a large
 * decision table); beyond the bound the errors come first, each severity in the order found, and a last INFO entry
 * says how many findings were left out.
 */
final class StoredReport {

    static final int MAX_ENTRIES = 500;

    private StoredReport() {
    }

    static List<ReportEntry> of(List<CompilationMessage> messages) {
        if (messages.size() <= MAX_ENTRIES) {
            return messages.stream().map(ReportEntry::of).toList();
        }
        int kept = MAX_ENTRIES - 1;
        List<ReportEntry> entries = new ArrayList<>(messages.stream()
                .sorted(Comparator.comparing(CompilationMessage::severity))
                .limit(kept)
                .map(ReportEntry::of)
                .toList());
        entries.add(new ReportEntry("", null, null, CompilationMessage.Severity.INFO.name(), (messages.size() - kept)
                + " more findings were left out: a stored report keeps " + kept + " of them, errors first"));
        return List.copyOf(entries);
    }
}
