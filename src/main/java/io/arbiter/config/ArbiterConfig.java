package io.arbiter.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
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

    /** Longest accepted NDJSON line, in characters. */
    @WithName("http.max-import-line")
    @WithDefault("65536")
    int maxImportLineChars();

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

    Security security();

    Privacy privacy();

    interface Security {
        /**
         * Users for HTTP Basic authentication. While empty, the demo users exist (a warning is logged).
         * Passwords are PBKDF2 hashes made with {@code io.arbiter.security.PasswordHasher}.
         */
        Map<String, User> users();
    }

    interface User {
        @WithName("password-hash")
        String passwordHash();

        Set<String> roles();
    }

    interface Privacy {
        /** Key for the keyed hash that stands in for customer ids in logs. Generated into the data dir when absent. */
        @WithName("log-key")
        Optional<String> logKey();
    }
}
