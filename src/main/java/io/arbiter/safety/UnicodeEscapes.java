package io.arbiter.safety;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the unicode escapes the Java compiler decodes before anything else (JLS 3.3): a backslash preceded by an
 * even number of backslashes and followed by one or more {@code u}. Drools' DRL parser does not decode them but the
 * Java compiler does, so in a consequence {@code // \u000a code} is a comment to one and code to the other. A DRL
 * file may therefore contain none: its text is then the same program to the parser, to the checks and to javac.
 * Files are UTF-8, so any character can be written as itself.
 */
final class UnicodeEscapes {

    /** Where an escape starts, and the text of it (at most the backslash, the u's and four characters). */
    record Escape(int offset, String text) {
    }

    private UnicodeEscapes() {
    }

    static List<Escape> find(String text) {
        List<Escape> found = new ArrayList<>();
        int backslashes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                backslashes = 0;
                continue;
            }
            boolean eligible = backslashes % 2 == 0;
            backslashes++;
            if (eligible && i + 1 < text.length() && text.charAt(i + 1) == 'u') {
                int end = i + 1;
                while (end < text.length() && text.charAt(end) == 'u') {
                    end++;
                }
                found.add(new Escape(i, text.substring(i, Math.min(text.length(), end + 4))));
                // the compiler reads the escape as one character, which can never start another escape
                backslashes = 0;
                i = end - 1;
            }
        }
        return found;
    }
}
