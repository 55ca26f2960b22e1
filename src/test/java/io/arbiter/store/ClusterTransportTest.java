package io.arbiter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Wrong cluster settings stop the node with the property's name, before anything joins. */
class ClusterTransportTest {

    record Settings(boolean enabled, Optional<String> nodeName, String bindAddress, int port, String discovery,
                    Optional<String> initialHosts, Optional<String> dnsQuery) implements ClusterSettings {
        @Override
        public Duration restoreTimeout() {
            return Duration.ofMinutes(5);
        }
    }

    private static Settings staticHosts(String hosts) {
        return new Settings(true, Optional.of("n1"), "127.0.0.1", 7800, "static", Optional.of(hosts), Optional.empty());
    }

    private static String refusal(ClusterSettings settings) {
        return assertThrows(ClusterConfigurationException.class, () -> new ClusterTransport(settings)).getMessage();
    }

    @Test
    void anUnknownDiscoveryModeNamesTheProperty() {
        String message = refusal(new Settings(true, Optional.empty(), "127.0.0.1", 7800, "multicast",
                Optional.of("127.0.0.1[7800]"), Optional.empty()));
        assertTrue(message.startsWith("arbiter.cluster.discovery: 'multicast'"), message);
    }

    @Test
    void aMalformedHostListNamesTheEntry() {
        assertTrue(refusal(staticHosts("127.0.0.1:7800")).startsWith("arbiter.cluster.initial-hosts: '127.0.0.1:7800' is not host[port]"));
        assertTrue(refusal(staticHosts("127.0.0.1[7800],")).startsWith("arbiter.cluster.initial-hosts: '' is not host[port]"));
        assertTrue(refusal(staticHosts("127.0.0.1[x]")).contains("has no port number"));
        assertTrue(refusal(staticHosts("127.0.0.1[70000]")).contains("70000 is not a TCP port"));
        assertTrue(refusal(staticHosts("no-such-host.invalid[7800]")).contains("host 'no-such-host.invalid' is unknown"));
    }

    @Test
    void staticDiscoveryNeedsHostsAndDnsDiscoveryAName() {
        assertTrue(refusal(new Settings(true, Optional.empty(), "127.0.0.1", 7800, "static", Optional.empty(),
                Optional.empty())).startsWith("arbiter.cluster.initial-hosts:"));
        assertTrue(refusal(new Settings(true, Optional.empty(), "127.0.0.1", 7800, "dns", Optional.empty(),
                Optional.of(" "))).startsWith("arbiter.cluster.dns-query:"));
    }

    @Test
    void aPortOrAddressThatCannotWorkIsRefused() {
        assertTrue(refusal(new Settings(true, Optional.empty(), "127.0.0.1", 0, "static",
                Optional.of("127.0.0.1[7800]"), Optional.empty())).startsWith("arbiter.cluster.port: 0"));
        assertTrue(refusal(new Settings(true, Optional.empty(), "no-such-host.invalid", 7800, "static",
                Optional.of("127.0.0.1[7800]"), Optional.empty())).startsWith("arbiter.cluster.bind-address:"));
    }

    @Test
    void aWellFormedHostListIsReadInOrder() {
        List<InetSocketAddress> hosts = ClusterTransport.initialHosts("127.0.0.1[7801], localhost[7802]");
        assertEquals(List.of(7801, 7802), hosts.stream().map(InetSocketAddress::getPort).toList());
    }

    @Test
    void aPortInUseStopsTheNodeNamingThePort() throws Exception {
        Path dataDir = Files.createTempDirectory("cluster-port");
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            Settings settings = new Settings(true, Optional.of("n1"), "127.0.0.1", port, "static",
                    Optional.of("127.0.0.1[" + port + "]"), Optional.empty());
            ClusterConfigurationException refused = assertThrows(ClusterConfigurationException.class,
                    () -> new CacheManagerFactory().cacheManager(settings, dataDir));
            assertTrue(refused.getMessage().startsWith("arbiter.cluster.port: cannot bind " + port), refused.getMessage());
        }
    }
}
