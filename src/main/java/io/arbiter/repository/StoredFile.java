package io.arbiter.repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.infinispan.protostream.annotations.Proto;

/**
 * A published file as identified without its text: its name (clipped like a report's, for the over-long names a
 * rejected bundle may have), its size in UTF-8 bytes and the SHA-256 of those bytes (lower-case hex). Kept for
 * every version, rejected ones included, so a publication can be recognised later even when its content was not.
 */
@Proto
public record StoredFile(String name, long bytes, String sha256) {

    static StoredFile of(String name, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        try {
            return new StoredFile(Clip.to(ReportEntry.MAX_NAME_CHARS, name), utf8.length,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
