package io.arbiter.repository;

/**
 * Text cut to a length before it is stored. Report entries and file names quote the bundle (an element id, a
 * message naming a FEEL expression, a file name of any length in a rejected bundle), and the bundle's size must
 * not become the size of what is kept about it.
 */
final class Clip {

    private Clip() {
    }

    /** {@code text} when it has at most {@code max} characters, else its first {@code max - 1} and an ellipsis. */
    static String to(int max, String text) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "\u2026";
    }
}
