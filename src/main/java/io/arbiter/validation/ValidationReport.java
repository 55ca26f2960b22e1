package io.arbiter.validation;

import java.util.List;

import io.arbiter.bundle.CompilationMessage;

/** Everything found about a bundle, each message pinned to its file and element or line. */
public record ValidationReport(List<CompilationMessage> messages) {

    public ValidationReport {
        messages = List.copyOf(messages);
    }

    public boolean accepted() {
        return messages.stream().noneMatch(m -> m.severity() == CompilationMessage.Severity.ERROR);
    }
}
