package io.arbiter.validation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.arbiter.bundle.CompilationMessage;
import io.arbiter.bundle.DecisionSetBundle;

/**
 * What a full validation found about an accepted bundle, recorded with the SHA-256 of the bundle (its name and every
 * file's name and text) and with whether decision tables were compiled ({@code arbiter.engine.compiled-tables}), the
 * one setting that changes what the scenario suites ran against. {@link BundleValidator} accepts the same bundle
 * under the same setting on the certificate's report, running only the limits and the compile (safety checks
 * included) again. Each shipped decision set has one beside its manifest, kept true by the build's tests
 * ({@code ShippedCertificatesTest}), so that a first start does not repeat kie's DMN validation and the scenario
 * suites on files the build validated.
 */
public record ValidationCertificate(String bundleSha256, boolean compiledTables, List<CompilationMessage> messages) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ValidationCertificate {
        messages = List.copyOf(messages);
    }

    /** Whether this certificate is of exactly {@code bundle}, validated with the given table evaluation. */
    public boolean covers(DecisionSetBundle bundle, boolean compiledTablesNow) {
        return compiledTables == compiledTablesNow && bundleSha256.equals(sha256(bundle));
    }

    /** The SHA-256 of the bundle's name and of each file's name and text, in the order of their names. */
    public static String sha256(DecisionSetBundle bundle) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        update(digest, bundle.name());
        for (Map.Entry<String, String> file : new TreeMap<>(bundle.files()).entrySet()) {
            update(digest, file.getKey());
            update(digest, file.getValue());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Each part with its length in front, so that no two different bundles feed the digest the same bytes. */
    private static void update(MessageDigest digest, String part) {
        byte[] utf8 = part.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(utf8.length).array());
        digest.update(utf8);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ValidationCertificate fromJson(String json) {
        try {
            return JSON.readValue(json, ValidationCertificate.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a validation certificate", e);
        }
    }
}
