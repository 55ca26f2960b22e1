package io.arbiter.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    /** The hashes each full check ran against, in order. */
    private final List<String> checkedAgainst = new ArrayList<>();
    private final UserDirectory directory = new UserDirectory(Map.of(), 1, (password, hash) -> {
        checkedAgainst.add(hash);
        return PasswordHasher.verify(password, hash);
    });

    @Test
    void theDemoUsersAreCheckedAndAWrongPasswordOrAnUnknownNameFails() {
        assertEquals(Optional.of(Set.of("channel")), directory.verify("channel", "channel-secret".toCharArray()));
        assertEquals(Optional.empty(), directory.verify("channel", "wrong".toCharArray()));
        assertEquals(Optional.empty(), directory.verify("nobody", "channel-secret".toCharArray()));
    }

    /** The demo users' hashes are constants in the source: each must be of the password docs/operations.md gives. */
    @Test
    void everyDemoUserLogsInWithItsDocumentedPassword() {
        for (String name : List.of("channel", "analyst", "approver", "admin")) {
            assertEquals(Optional.of(Set.of(name)), directory.verify(name, (name + "-secret").toCharArray()), name);
        }
        assertEquals(Set.of("channel", "analyst", "approver", "admin"), UserDirectory.DEMO_USERS.keySet());
    }

    /**
     * An unknown name pays for the same check as a wrong password: one PBKDF2 derivation at the same cost, so the
     * time of a failure does not tell which names exist (it answered in 2 ms against 180 ms). Checked by what runs,
     * not by timing it.
     */
    @Test
    void anUnknownNameIsCheckedAgainstAHashOfTheSameCostAsAUsersHash() {
        directory.verify("admin", "guess".toCharArray());
        directory.verify("nobody", "guess".toCharArray());
        assertEquals(2, checkedAgainst.size(), "one full check each: " + checkedAgainst);
        String users = checkedAgainst.get(0);
        String unknown = checkedAgainst.get(1);
        assertNotEquals(users, unknown);
        assertEquals(cost(users), cost(unknown), "the same scheme and iterations");
        assertEquals(PasswordHasher.SCHEME + "$" + PasswordHasher.DEFAULT_ITERATIONS, cost(unknown));
    }

    private static String cost(String hash) {
        String[] parts = hash.split("\\$");
        return parts[0] + "$" + parts[1];
    }
}
