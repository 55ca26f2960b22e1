package io.arbiter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The topology a planned stop saved is put back before the restart, replacing what Infinispan left, once. */
class ClusterShutdownTest {

    @Test
    void theSavedTopologyReplacesWhatIsThereAndIsConsumed() throws Exception {
        Path location = Files.createTempDirectory("planned-stop");
        Path saved = Files.createDirectories(location.resolve(ClusterShutdown.SAVED_TOPOLOGY));
        Files.writeString(saved.resolve("customer-facts.state"), "members=3");
        Files.writeString(saved.resolve("audit.state"), "members=3");
        Files.writeString(location.resolve("customer-facts.state"), "members=1");
        Files.writeString(location.resolve("___global.state"), "uuid=u1");

        assertTrue(ClusterShutdown.restoreSavedTopology(location));

        assertEquals("members=3", Files.readString(location.resolve("customer-facts.state")));
        assertEquals("members=3", Files.readString(location.resolve("audit.state")));
        assertEquals("uuid=u1", Files.readString(location.resolve("___global.state")), "global state untouched");
        assertFalse(Files.exists(saved), "the saved copy is consumed");

        Files.writeString(location.resolve("audit.state"), "members=2");
        assertFalse(ClusterShutdown.restoreSavedTopology(location));
        assertEquals("members=2", Files.readString(location.resolve("audit.state")), "an ordinary start changes nothing");
    }
}
