package io.arbiter.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UserDirectoryTest {

    private final UserDirectory directory = new UserDirectory(Map.of(), 1);

    @Test
    void theDemoUsersAreCheckedAndAWrongPasswordOrAnUnknownNameFails() {
        assertEquals(Optional.of(Set.of("channel")), directory.verify("channel", "channel-secret".toCharArray()));
        assertEquals(Optional.empty(), directory.verify("channel", "wrong".toCharArray()));
        assertEquals(Optional.empty(), directory.verify("nobody", "channel-secret".toCharArray()));
    }

    /**
     * An unknown name costs what a wrong password costs (a full PBKDF2 derivation), so the time of a failure does not
     * tell which names exist: it answered in 2 ms against 180 ms. Interleaved, medians of seven, and compared as a
     * ratio, so a noisy machine slows both alike.
     */
    @Test
    void anUnknownNameTakesAsLongAsAWrongPassword() {
        List<Long> unknown = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String name = "nobody-" + i;
            unknown.add(nanos(() -> directory.verify(name, "guess".toCharArray())));
            wrong.add(nanos(() -> directory.verify("admin", "guess".toCharArray())));
        }
        double ratio = (double) median(unknown) / median(wrong);
        assertTrue(ratio > 0.5 && ratio < 2.0, "unknown name / wrong password: " + ratio + " " + unknown + " " + wrong);
    }

    private static long nanos(Runnable check) {
        long start = System.nanoTime();
        check.run();
        return System.nanoTime() - start;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
