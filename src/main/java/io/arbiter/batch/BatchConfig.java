package io.arbiter.batch;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of batch evaluation and decision recording, under {@code arbiter.batch.}. */
@ConfigMapping(prefix = "arbiter.batch")
public interface BatchConfig {

    /** Threads that decide segments in parallel; default: one per available processor. */
    Optional<Integer> workers();

    /**
     * Quartz-style cron of the scheduled APPLY run of the default decision set's active version (read by the
     * scheduler as {@code arbiter.batch.cron}); {@code off} disables it.
     */
    @WithDefault("off")
    String cron();

    /** Start a DRY_RUN against the active version whenever a version is published. */
    @WithName("impact-on-publish")
    @WithDefault("true")
    boolean impactOnPublish();

    /** Store the outcome of synchronous evaluations of stored customers, as APPLY does. */
    @WithName("record-synchronous")
    @WithDefault("false")
    boolean recordSynchronous();

    /** Jobs listed by {@code GET /batch-evaluations}, newest first. */
    @WithName("list-limit")
    @WithDefault("50")
    int listLimit();
}
