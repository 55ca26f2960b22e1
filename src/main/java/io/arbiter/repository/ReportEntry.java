package io.arbiter.repository;

import org.infinispan.protostream.annotations.Proto;

import io.arbiter.bundle.CompilationMessage;

/** A stored validation message: file, element id or line, severity and text. */
@Proto
public record ReportEntry(String file, String elementId, Integer line, String severity, String text) {

    static ReportEntry of(CompilationMessage message) {
        return new ReportEntry(message.file(), message.elementId(), message.line(), message.severity().name(),
                message.text());
    }
}
