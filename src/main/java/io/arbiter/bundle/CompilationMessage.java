package io.arbiter.bundle;

/**
 * One finding about a decision set's source: the file, the element id (DMN) or line (DRL) when known,
 * its severity and what it says.
 */
public record CompilationMessage(String file, String elementId, Integer line, Severity severity, String text) {

    public enum Severity { ERROR, WARNING, INFO }

    public static CompilationMessage error(String file, String text) {
        return new CompilationMessage(file, null, null, Severity.ERROR, text);
    }
}
