package io.arbiter.store;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * How this node joins a cluster ({@code arbiter.cluster.*}, environment {@code ARBITER_CLUSTER_...}). Off by default:
 * one node with local caches. {@link ClusterTransport} checks the values and names the property that is wrong.
 */
@ConfigMapping(prefix = "arbiter.cluster")
public interface ClusterSettings {

    @WithDefault("false")
    boolean enabled();

    /** This node's name in the cluster view; the host name when unset. */
    @WithName("node-name")
    Optional<String> nodeName();

    /** The address JGroups binds to: an IP address, a host name, or a JGroups keyword such as SITE_LOCAL. */
    @WithName("bind-address")
    @WithDefault("SITE_LOCAL")
    String bindAddress();

    /** JGroups TCP port. */
    @WithDefault("7800")
    int port();

    /** {@code static} (TCPPING over {@link #initialHosts}) or {@code dns} (DNS_PING over {@link #dnsQuery}). */
    @WithDefault("static")
    String discovery();

    /** {@code host[port],host[port],...}: the members a static node asks to join. */
    @WithName("initial-hosts")
    Optional<String> initialHosts();

    /** The DNS name whose A records are the members, e.g. a Kubernetes headless service. */
    @WithName("dns-query")
    Optional<String> dnsQuery();

    /**
     * After a planned stop of the whole cluster, how long a restarting node waits for every member of that stop to
     * be back before it gives up starting (each cache serves only once all of them are).
     */
    @WithName("restore-timeout")
    @WithDefault("5m")
    Duration restoreTimeout();
}
