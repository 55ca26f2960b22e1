package io.arbiter.input;

import java.time.LocalDate;

/**
 * The dates Arbiter accepts in any input: from 1900 to 9999. A date outside is a typo or an attack
 * ({@code -999999999-01-01} once made a customer a newcomer through an overflowing tenure), never a fact to decide on,
 * and within these bounds no arithmetic on dates (months of tenure, days since an event) can overflow.
 */
public final class PlausibleDates {

    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);
    /** How a refusal names the range. */
    public static final String RANGE = "from 1900-01-01 to 9999-12-31";

    private PlausibleDates() {
    }

    public static boolean contains(LocalDate date) {
        return !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
    }
}
