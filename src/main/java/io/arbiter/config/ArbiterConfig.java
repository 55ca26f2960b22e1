package io.arbiter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Arbiter's own settings, under the {@code arbiter.} prefix (environment: {@code ARBITER_...}). */
@ConfigMapping(prefix = "arbiter")
public interface ArbiterConfig {

    /** Where the durable stores live. */
    @WithName("data-dir")
    @WithDefault("./data")
    Path dataDir();

    /** Maximum customer facts entries kept on heap; the rest are read from the store. -1: all. */
    @WithName("facts.max-in-memory")
    @WithDefault("-1")
    long factsMaxInMemory();

    /** Largest JSON body accepted by the non-streaming endpoints, in bytes. */
    @WithName("http.max-json-bytes")
    @WithDefault("1048576")
    long maxJsonBytes();

    /** Largest NDJSON import body, in bytes. Also the HTTP server's absolute body limit. */
    @WithName("http.max-import-bytes")
    @WithDefault("2147483648")
    long maxImportBytes();

    /**
     * Slowest average pace a request body may arrive at, in bytes a second, once {@link #bodyGrace()} has passed; a
     * slower one is cut (408), so trickling bodies cannot hold the worker threads that decisions need.
     */
    @WithName("http.min-body-rate")
    @WithDefault("1024")
    long minBodyRate();

    @WithName("http.body-grace")
    @WithDefault("10s")
    Duration bodyGrace();

    /** NDJSON imports that may run at once on a node; more are refused (503) before their body is read. */
    @WithName("http.max-concurrent-imports")
    @WithDefault("4")
    int maxConcurrentImports();

    /** Longest accepted NDJSON line, in bytes of UTF-8. */
    @WithName("http.max-import-line")
    @WithDefault("65536")
    int maxImportLineBytes();

    /** Time zone that defines "today" for facts relative to the evaluation date (tenure). */
    @WithName("time-zone")
    @WithDefault("UTC")
    String timeZone();

    /** Decision set used when nothing else is said, compiled at start-up from the shipped files. */
    @WithName("default-decision-set")
    @WithDefault("customer-value")
    String defaultDecisionSet();

    /**
     * Evaluate plain decision tables from a compiled plan inside kie-dmn (same results and events, a fraction of
     * the cost); false keeps every table on kie-dmn's interpreter.
     */
    @WithName("engine.compiled-tables")
    @WithDefault("true")
    boolean compiledTables();

    /** ISO 4217 currency of every money amount; events in other currencies are refused until conversion exists. */
    @WithName("reporting-currency")
    @WithDefault("EUR")
    String reportingCurrency();

    /** Maximum customer event logs kept on heap; the rest are read from the store. -1: all. */
    @WithName("events.max-in-memory")
    @WithDefault("100000")
    long eventsMaxInMemory();

    Analytics analytics();

    Budget budget();

    Security security();

    Privacy privacy();

    Audit audit();

    Retention retention();

    Rollout rollout();

    Drift drift();

    Feed feed();

    /** Followers of the change feed (io.arbiter.history.FeedFollowers). */
    interface Feed {
        /** How often each follower looks for new items once it has caught up (and the base of its back-off). */
        @WithName("follow-every")
        @WithDefault("200ms")
        Duration followEvery();
    }

    /** Gradual rollouts (io.arbiter.repository.Rollouts) and their shadow evaluations. */
    interface Rollout {
        /**
         * Shadow evaluations waiting for a thread; past it, new ones are dropped (and counted) so that a shadow
         * rollout never slows the answers.
         */
        @WithName("shadow-queue")
        @WithDefault("1000")
        int shadowQueue();

        /** Threads deciding shadow evaluations; by default a quarter of the cores, at least one. */
        @WithName("shadow-threads")
        OptionalInt shadowThreads();
    }

    /** Decision drift monitoring (io.arbiter.monitoring.DecisionDrift). */
    interface Drift {
        /** The length of a window of decisions compared; windows start at multiples of it from the epoch (UTC). */
        @WithDefault("P1D")
        Duration window();

        /**
         * Decisions the latest window and the baseline must each hold before a major shift raises an alert: a window
         * that has just begun compares a handful of decisions, whose index swings wildly.
         */
        @WithName("min-decisions")
        @WithDefault("1000")
        long minDecisions();

        /** How often every set's drift is computed for the gauge and the alerts. */
        @WithName("check-every")
        @WithDefault("1m")
        Duration checkEvery();
    }

    interface Analytics {
        /**
         * The day facts relative to "today" (recency, 12-month and 90-day windows, model ages) are computed as of;
         * absent: today in {@code arbiter.time-zone}. Setting it makes results reproducible.
         */
        @WithName("reference-date")
        Optional<LocalDate> referenceDate();

        /** When the RFM scores, segments and model facts of every customer are recomputed (Quartz cron; "off": never). */
        @WithName("refresh.cron")
        @WithDefault("0 30 2 * * ?")
        String refreshCron();

        /** The decision set whose DMN model turns R, F and M scores into a segment; analysts edit it like any other. */
        @WithName("rfm.decision-set")
        @WithDefault("rfm-segments")
        String rfmDecisionSet();

        /** Horizon of the predicted lifetime value and expected purchases, in months. */
        @WithName("clv.horizon-months")
        @WithDefault("12")
        int clvHorizonMonths();

        /** Annual rate the predicted lifetime value is discounted at. */
        @WithName("clv.annual-discount-rate")
        @WithDefault("0.10")
        double clvAnnualDiscountRate();
    }

    /**
     * Time budgets of evaluations: a published decision set is code an analyst wrote, and may not terminate. An
     * evaluation stops at the next checkpoint of the pipeline once its budget has run out (docs/architecture.md,
     * "What bounds the cost of an evaluation"). Durations as {@code 500ms}, {@code 2s}, {@code 15m}. A decision of
     * the shipped set takes well under a millisecond; the budgets leave room for a cold start on a busy machine.
     */
    interface Budget {
        /** One synchronous evaluation (a channel's request, a draft evaluation of a stored version); over it: a 500. */
        @WithDefault("2s")
        Duration synchronous();

        /** One case of a scenario suite, at publication and in scenario runs; over it, the case fails. */
        @WithName("scenario-case")
        @WithDefault("5s")
        Duration scenarioCase();

        /** All the scenario cases of a version together; the cases left when it has run out fail as not run. */
        @WithName("scenario-run")
        @WithDefault("2m")
        Duration scenarioRun();

        /**
         * One customer's decision in a batch job (each version's, when two are compared). A version over it fails
         * the job: it would hold the workers as long on every customer.
         */
        @WithName("batch-decision")
        @WithDefault("5s")
        Duration batchDecision();

        /**
         * A set's alert rules on one outcome change; over it, the change raises no alert (logged), so a slow alert
         * rule cannot hold back the alerts of every later change.
         */
        @WithDefault("1s")
        Duration alert();

        /** The whole impact analysis a publication starts, from its start (even across restarts); over it, it fails. */
        @WithName("impact-analysis")
        @WithDefault("15m")
        Duration impactAnalysis();
    }

    interface Security {
        /**
         * Users for HTTP Basic authentication. While empty, the demo users exist (a warning is logged).
         * Passwords are PBKDF2 hashes made with {@code io.arbiter.security.PasswordHasher}.
         */
        Map<String, User> users();

        /** Throttling of failed password checks (io.arbiter.security.FailedLogins). */
        Login login();
    }

    interface Login {
        /** Failed checks from one client address within a window, past which it is refused unchecked (429). */
        @WithName("max-failures-per-client")
        @WithDefault("10")
        int maxFailuresPerClient();

        /** Failed checks for one user name within a window, from any client, past which it is refused unchecked. */
        @WithName("max-failures-per-user")
        @WithDefault("20")
        int maxFailuresPerUser();

        @WithDefault("1m")
        Duration window();

        /** Full password checks run at once on a node; by default half its cores, at least one. */
        @WithName("concurrent-checks")
        OptionalInt concurrentChecks();
    }

    interface User {
        @WithName("password-hash")
        String passwordHash();

        Set<String> roles();
    }

    /** How long records are kept (storage limitation, GDPR art. 5(1)(e), PIPL art. 19); "off" keeps them. */
    interface Retention {
        /** Decision history entries older than this leave each customer's log; the latest decisions stay. */
        @WithName("decision-history")
        @WithDefault("730d")
        String decisionHistory();

        @WithName("change-feed")
        @WithDefault("90d")
        String changeFeed();

        /** Records of finished batch jobs. */
        @WithName("batch-jobs")
        @WithDefault("180d")
        String batchJobs();

        /** Drift windows' outcome counts and drift alerts, by the window's start. */
        @WithDefault("730d")
        String drift();

        /** Alerts raised on outcome changes (io.arbiter.alerting), by when the change was decided; as the history. */
        @WithDefault("730d")
        String alerts();

        /** When the retention sweep runs on every node (each over its own share); "off" disables it. */
        @WithDefault("0 15 3 * * ?")
        String cron();
    }

    interface Audit {
        /**
         * Base64 key (32 bytes or more) that seals checkpoints of the audit chain. Required in a cluster, where every
         * node must seal and verify with the same key; on one node generated into the data directory when absent.
         */
        @WithName("seal-key")
        Optional<String> sealKey();

        /** How often the chain's head is sealed (a checkpoint), when it has grown since the last seal. */
        @WithName("seal-every")
        @WithDefault("1h")
        String sealEvery();
    }

    interface Privacy {
        /** Key for the keyed hash that stands in for customer ids in logs. Generated into the data dir when absent. */
        @WithName("log-key")
        Optional<String> logKey();
    }
}
