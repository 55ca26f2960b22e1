package io.arbiter.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.arbiter.engine.CompilationMessage;

/**
 * A published DRL file is code that runs inside the service. It may use the rule fact types
 * ({@code io.arbiter.engine.rules}) and safe value types, nothing else: imports come from an allow-list, fully
 * qualified names and the classes that reach the JVM, the file system, the network, threads or reflection are
 * rejected, and so are DRL functions, whose bodies are plain Java. Comments and string literals are blanked out
 * first (keeping line numbers), so neither hides nor triggers a finding.
 */
final class DrlSafety {

    private static final Pattern ALLOWED_IMPORT = Pattern.compile(
            "io\\.arbiter\\.engine\\.rules\\.(\\*|[A-Z]\\w*)"
                    + "|java\\.math\\.(BigDecimal|RoundingMode)"
                    + "|java\\.time\\.(LocalDate|LocalDateTime|Period|Duration|Instant)"
                    + "|java\\.util\\.(List|Set|Map|Collection)");
    private static final Pattern IMPORT = Pattern.compile("^[ \\t]*import\\s+(?:(static|function|accumulate)\\s+)?([\\w.$*]+)",
            Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^[ \\t]*package\\s+[\\w.]+[ \\t]*;?", Pattern.MULTILINE);
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b[a-z_$][\\w$]*(?:\\s*\\.\\s*[a-z_$][\\w$]*)+\\s*\\.\\s*[A-Z]");
    private static final Pattern FUNCTION = Pattern.compile("^[ \\t]*function\\b", Pattern.MULTILINE);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");
    private static final Set<String> FORBIDDEN = Set.of("System", "Runtime", "Thread", "ThreadGroup", "ThreadLocal",
            "Executors", "ExecutorService", "ForkJoinPool", "CompletableFuture", "Process", "ProcessBuilder",
            "ProcessHandle", "Class", "ClassLoader", "getClass", "forName", "getClassLoader", "newInstance",
            "getDeclaredMethod", "getDeclaredField", "getMethod", "getField", "setAccessible", "invoke", "Method",
            "Field", "Constructor", "MethodHandles", "Unsafe", "File", "Files", "Path", "Paths", "FileInputStream",
            "FileOutputStream", "RandomAccessFile", "Socket", "ServerSocket", "DatagramSocket", "URL", "URI",
            "HttpClient", "InetAddress", "ScriptEngine", "ScriptEngineManager", "MVEL", "eval", "exec", "exit", "halt",
            "loadLibrary", "load", "ObjectInputStream", "Serializable", "getKieRuntime", "getKnowledgeRuntime",
            "getKieBase", "getEnvironment");

    private DrlSafety() {
    }

    static List<CompilationMessage> check(String file, String drl) {
        List<CompilationMessage> errors = new ArrayList<>();
        String code = blankCommentsAndStrings(drl);
        Matcher imports = IMPORT.matcher(code);
        while (imports.find()) {
            String kind = imports.group(1);
            String name = imports.group(2);
            if (kind != null) {
                errors.add(error(file, code, imports.start(), "import " + kind + " is not allowed"));
            } else if (!ALLOWED_IMPORT.matcher(name).matches()) {
                errors.add(error(file, code, imports.start(), "import " + name + " is not allowed: rules may import "
                        + "io.arbiter.engine.rules types, java.math.BigDecimal, java.time value types and java.util collections"));
            }
        }
        String body = blankLines(blankLines(code, IMPORT), PACKAGE);
        Matcher qualified = QUALIFIED_NAME.matcher(body);
        while (qualified.find()) {
            errors.add(error(file, body, qualified.start(), "fully qualified class names are not allowed ("
                    + qualified.group().replaceAll("\\s", "") + "...); import an allowed type instead"));
        }
        Matcher function = FUNCTION.matcher(body);
        while (function.find()) {
            errors.add(error(file, body, function.start(), "DRL functions are plain Java and are not allowed"));
        }
        Matcher identifier = IDENTIFIER.matcher(body);
        while (identifier.find()) {
            if (FORBIDDEN.contains(identifier.group())) {
                errors.add(error(file, body, identifier.start(), "'" + identifier.group()
                        + "' reaches outside the rules (JVM, files, network, threads or reflection) and is not allowed"));
            }
        }
        return errors;
    }

    private static CompilationMessage error(String file, String text, int offset, String message) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return new CompilationMessage(file, null, line, CompilationMessage.Severity.ERROR, message);
    }

    /** Replaces the matched lines' characters with spaces, keeping offsets and line numbers. */
    private static String blankLines(String text, Pattern pattern) {
        StringBuilder out = new StringBuilder(text);
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                if (out.charAt(i) != '\n') {
                    out.setCharAt(i, ' ');
                }
            }
        }
        return out.toString();
    }

    /** Blanks comments and string or character literals with spaces, keeping newlines. */
    static String blankCommentsAndStrings(String drl) {
        StringBuilder out = new StringBuilder(drl.length());
        int i = 0;
        while (i < drl.length()) {
            char c = drl.charAt(i);
            if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '/') {
                while (i < drl.length() && drl.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < drl.length() && drl.charAt(i + 1) == '*') {
                int end = drl.indexOf("*/", i + 2);
                end = end < 0 ? drl.length() : end + 2;
                for (; i < end; i++) {
                    out.append(drl.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"' || c == '\'') {
                out.append(c);
                i++;
                while (i < drl.length() && drl.charAt(i) != c && drl.charAt(i) != '\n') {
                    if (drl.charAt(i) == '\\' && i + 1 < drl.length()) {
                        out.append(' ');
                        i++;
                    }
                    out.append(' ');
                    i++;
                }
                if (i < drl.length() && drl.charAt(i) == c) {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
