package io.arbiter.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A secret key kept in the data directory: read when it is there, otherwise generated once (32 random bytes, Base64)
 * and written beside it first, then moved into place, so a crash never leaves a half-written key. On one node this
 * keeps a key stable across restarts without configuration; a cluster, whose nodes must share it, configures it.
 */
public final class KeyFiles {

    private KeyFiles() {
    }

    public static byte[] storedKey(Path file, String what) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, Base64.getEncoder().encodeToString(secret), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the " + what + " " + file, e);
        }
    }
}
