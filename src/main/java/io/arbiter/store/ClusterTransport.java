package io.arbiter.store;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.infinispan.remoting.transport.jgroups.JGroupsChannelConfigurator;
import org.jgroups.ChannelListener;
import org.jgroups.JChannel;
import org.jgroups.conf.ProtocolConfiguration;
import org.jgroups.protocols.FD_ALL3;
import org.jgroups.protocols.FD_SOCK2;
import org.jgroups.protocols.FRAG4;
import org.jgroups.protocols.MERGE3;
import org.jgroups.protocols.MFC;
import org.jgroups.protocols.TCP;
import org.jgroups.protocols.TCPPING;
import org.jgroups.protocols.UFC;
import org.jgroups.protocols.UNICAST3;
import org.jgroups.protocols.VERIFY_SUSPECT2;
import org.jgroups.protocols.dns.DNS_PING;
import org.jgroups.protocols.pbcast.GMS;
import org.jgroups.protocols.pbcast.NAKACK2;
import org.jgroups.protocols.pbcast.STABLE;
import org.jgroups.stack.Protocol;
import org.jgroups.util.SocketFactory;
import org.jgroups.util.StackType;
import org.jgroups.util.Util;

/**
 * The JGroups stack of a cluster node, built from {@link ClusterSettings} after every setting is checked (in the
 * constructor, before Infinispan starts), so that a wrong one stops the node with the property's name instead of a
 * node that joins half-configured. The stack is Infinispan's TCP stack with the discovery the settings choose:
 * TCPPING over a static host list, or DNS_PING over the A records of a name (a Kubernetes headless service that
 * publishes not-ready pods). Infinispan creates the channel through this configurator when its transport starts.
 */
final class ClusterTransport implements JGroupsChannelConfigurator {

    static final String CLUSTER_NAME = "arbiter";

    private final ClusterSettings settings;
    private final InetAddress bindAddress;
    private final int port;
    private final String discovery;
    private final List<ChannelListener> listeners = new ArrayList<>();
    private SocketFactory socketFactory;

    ClusterTransport(ClusterSettings settings) {
        this.settings = settings;
        this.bindAddress = bindAddress(settings.bindAddress());
        this.port = port("arbiter.cluster.port", settings.port());
        this.discovery = discovery(settings).getName();
    }

    @Override
    public String getName() {
        return CLUSTER_NAME;
    }

    @Override
    public JChannel createChannel(String name) throws Exception {
        JChannel channel = channel();
        if (socketFactory != null) {
            channel.getProtocolStack().getTransport().setSocketFactory(socketFactory);
        }
        listeners.forEach(channel::addChannelListener);
        return channel;
    }

    @Override
    public void setSocketFactory(SocketFactory socketFactory) {
        this.socketFactory = socketFactory;
    }

    @Override
    public void setDataSource(DataSource dataSource) {
        // only JDBC_PING uses one; the stack has none
    }

    @Override
    public void addChannelListener(ChannelListener listener) {
        listeners.add(listener);
    }

    @Override
    public String getProtocolStackString() {
        return "TCP(" + bindAddress.getHostAddress() + ":" + port + ")+" + discovery
                + "+MERGE3+FD_SOCK2+FD_ALL3+VERIFY_SUSPECT2+NAKACK2+UNICAST3+STABLE+GMS+UFC+MFC+FRAG4";
    }

    /** The stack is built as protocol objects in {@link #createChannel}, not from configurations. */
    @Override
    public List<ProtocolConfiguration> getProtocolStack() {
        return List.of();
    }

    private JChannel channel() throws Exception {
        TCP tcp = new TCP().setBindAddress(bindAddress).setBindPort(port).setPortRange(0);
        List<Protocol> stack = new ArrayList<>();
        stack.add(tcp);
        stack.add(discovery(settings));
        stack.add(new MERGE3());
        stack.add(new FD_SOCK2());
        stack.add(new FD_ALL3());
        stack.add(new VERIFY_SUSPECT2());
        stack.add(new NAKACK2());
        stack.add(new UNICAST3());
        stack.add(new STABLE());
        stack.add(new GMS().setJoinTimeout(2_000));
        stack.add(new UFC());
        stack.add(new MFC());
        stack.add(new FRAG4());
        JChannel channel = new JChannel(stack);
        settings.nodeName().filter(name -> !name.isBlank()).ifPresent(channel::name);
        return channel;
    }

    private static Protocol discovery(ClusterSettings settings) {
        String mode = settings.discovery().trim().toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "static" -> new TCPPING().setInitialHosts(initialHosts(settings.initialHosts()
                    .orElseThrow(() -> new ClusterConfigurationException("arbiter.cluster.initial-hosts",
                            "static discovery needs the members as host[port],host[port],...")))).setPortRange(0);
            case "dns" -> new DNS_PING().setDNSQuery(settings.dnsQuery().filter(query -> !query.isBlank())
                    .orElseThrow(() -> new ClusterConfigurationException("arbiter.cluster.dns-query",
                            "dns discovery needs the DNS name of the members (a headless service)")));
            default -> throw new ClusterConfigurationException("arbiter.cluster.discovery",
                    "'" + settings.discovery() + "' is no discovery mode; use static or dns");
        };
    }

    /** {@code host[port],host[port],...}, each host resolvable now. */
    static List<InetSocketAddress> initialHosts(String list) {
        String property = "arbiter.cluster.initial-hosts";
        List<InetSocketAddress> hosts = new ArrayList<>();
        for (String member : list.split(",", -1)) {
            String entry = member.trim();
            int open = entry.indexOf('[');
            if (open <= 0 || !entry.endsWith("]") || entry.indexOf('[', open + 1) >= 0) {
                throw new ClusterConfigurationException(property,
                        "'" + entry + "' is not host[port] (in '" + list + "')");
            }
            String host = entry.substring(0, open);
            int port;
            try {
                port = Integer.parseInt(entry.substring(open + 1, entry.length() - 1));
            } catch (NumberFormatException e) {
                throw new ClusterConfigurationException(property, "'" + entry + "' has no port number between [ and ]");
            }
            port(property, port);
            try {
                hosts.add(new InetSocketAddress(InetAddress.getByName(host), port));
            } catch (UnknownHostException e) {
                throw new ClusterConfigurationException(property, "host '" + host + "' is unknown", e);
            }
        }
        return hosts;
    }

    private static InetAddress bindAddress(String value) {
        try {
            InetAddress address = Util.getAddress(value.trim(), StackType.IPv4);
            if (address == null) {
                throw new ClusterConfigurationException("arbiter.cluster.bind-address",
                        "'" + value + "' names no address of this host");
            }
            return address;
        } catch (Exception e) {
            if (e instanceof ClusterConfigurationException known) {
                throw known;
            }
            throw new ClusterConfigurationException("arbiter.cluster.bind-address",
                    "'" + value + "' is not an address, host name or JGroups keyword (SITE_LOCAL, LOOPBACK, ...)", e);
        }
    }

    private static int port(String property, int port) {
        if (port < 1 || port > 65_535) {
            throw new ClusterConfigurationException(property, port + " is not a TCP port (1-65535)");
        }
        return port;
    }
}
