package io.arbiter.repository;

import org.infinispan.protostream.annotations.Proto;

import io.arbiter.bundle.CompilationMessage;

/** A stored validation message: file, element id or line, severity and text, each clipped to a bounded length. */
@Proto
public record ReportEntry(String file, String elementId, Integer line, String severity, String text) {

    static final int MAX_NAME_CHARS = 200;
    static final int MAX_TEXT_CHARS = 1000;

    static ReportEntry of(CompilationMessage message) {
        return new ReportEntry(Clip.to(MAX_NAME_CHARS, message.file()), Clip.to(MAX_NAME_CHARS, message.elementId()),
                message.line(), message.severity().name(), Clip.to(MAX_TEXT_CHARS, message.text()));
    }
}
