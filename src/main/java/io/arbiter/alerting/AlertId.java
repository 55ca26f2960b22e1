package io.arbiter.alerting;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert's id, {@code <cursor>-<index>}: derived from the change-feed item, so deriving the same item again gives
 * the same ids. Ids order as the feed does, by cursor and then index.
 */
public record AlertId(long cursor, int index) implements Comparable<AlertId> {

    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,18})-(0|[1-9][0-9]{0,8})");
    private static final Comparator<AlertId> ORDER = Comparator.comparingLong(AlertId::cursor)
            .thenComparingInt(AlertId::index);

    /** The id written as text, or empty when the text is not an alert id. */
    public static Optional<AlertId> parse(String text) {
        Matcher matcher = text == null ? null : FORM.matcher(text);
        if (matcher == null || !matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AlertId(Long.parseLong(matcher.group(1)), Integer.parseInt(matcher.group(2))));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    static AlertId of(StoredAlert alert) {
        return parse(alert.id()).orElseThrow();
    }

    @Override
    public int compareTo(AlertId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return cursor + "-" + index;
    }
}
