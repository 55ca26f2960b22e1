package io.arbiter.history;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a verification of every customer's decision history found, and where the first break is. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HistoryReport(boolean intact, long customers, long entries, Break firstBreak) {

    /** The first customer whose history does not verify, and the cursor of the entry where it breaks. */
    public record Break(String customerId, long cursor, String reason) {
    }
}
