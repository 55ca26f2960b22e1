package io.arbiter.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a verification of the audit chain found: whether it is intact, how many links and seals it checked, the last
 * link a valid seal covers, and the first break (the lowest position where the chain stops holding) if any.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChainReport(boolean intact, long links, long checkpoints, long sealedThrough, Break firstBreak) {

    /** Where the chain stops holding, and why. */
    public record Break(long sequence, String reason) {
    }
}
