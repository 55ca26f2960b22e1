package io.arbiter.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void hashVerifiesOnlyTheRightPassword() {
        String hash = PasswordHasher.hash("correct horse".toCharArray());
        assertTrue(hash.startsWith("pbkdf2-sha512$210000$"));
        assertTrue(PasswordHasher.wellFormed(hash));
        assertTrue(PasswordHasher.verify("correct horse".toCharArray(), hash));
        assertFalse(PasswordHasher.verify("correct horsf".toCharArray(), hash));
    }

    @Test
    void sameInputGetsADifferentSalt() {
        assertNotEquals(PasswordHasher.hash("x".toCharArray()), PasswordHasher.hash("x".toCharArray()));
    }

    @Test
    void anUnmatchableHashIsWellFormedAtTheDefaultCostAndMatchesNoPassword() {
        String hash = PasswordHasher.unmatchable();
        assertTrue(hash.startsWith("pbkdf2-sha512$210000$"));
        assertTrue(PasswordHasher.wellFormed(hash));
        assertFalse(PasswordHasher.verify("".toCharArray(), hash));
        assertFalse(PasswordHasher.verify("channel-secret".toCharArray(), hash));
        assertNotEquals(hash, PasswordHasher.unmatchable());
    }

    @Test
    void malformedHashesNeverVerify() {
        assertFalse(PasswordHasher.wellFormed("plain-text"));
        assertFalse(PasswordHasher.verify("x".toCharArray(), "plain-text"));
        assertFalse(PasswordHasher.verify("x".toCharArray(), "pbkdf2-sha512$abc$AAAA$AAAA"));
        assertFalse(PasswordHasher.wellFormed("pbkdf2-sha512$10$AAAAAAAAAAA$AAAA"));
    }
}
