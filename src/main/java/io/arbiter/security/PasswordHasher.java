package io.arbiter.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA512 password hashes in the form {@code pbkdf2-sha512$<iterations>$<salt>$<hash>} (Base64).
 * Run as a program to hash a password for configuration:
 * {@code java -cp target/quarkus-app/app/arbiter-*.jar io.arbiter.security.PasswordHasher 'the password'}.
 */
public final class PasswordHasher {

    static final String SCHEME = "pbkdf2-sha512";
    static final int DEFAULT_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 512;

    private PasswordHasher() {
    }

    public static String hash(char[] password) {
        byte[] salt = randomBytes(SALT_BYTES);
        return encode(salt, derive(password, salt, DEFAULT_ITERATIONS));
    }

    /**
     * A hash at the default cost that no password matches: random bytes stand where the derived key goes (a match
     * is as likely as guessing 512 random bits). Verifying a password against it costs one derivation, as against
     * any user's hash, but making it costs none.
     */
    public static String unmatchable() {
        return encode(randomBytes(SALT_BYTES), randomBytes(HASH_BITS / 8));
    }

    private static String encode(byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + DEFAULT_ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** True when the password matches the encoded hash; false for a wrong password or a malformed hash. */
    public static boolean verify(char[] password, String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether a configured hash is in a form this class can verify. */
    public static boolean wellFormed(String encoded) {
        String[] parts = encoded.split("\\$");
        try {
            return parts.length == 4 && parts[0].equals(SCHEME) && Integer.parseInt(parts[1]) >= 10_000
                    && Base64.getDecoder().decode(parts[2]).length >= 8 && Base64.getDecoder().decode(parts[3]).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is unavailable", e);
        }
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PasswordHasher <password>");
            System.exit(2);
        }
        System.out.println(hash(args[0].toCharArray()));
    }
}
