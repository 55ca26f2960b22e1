package io.arbiter.store;

import java.net.BindException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.global.ShutdownHookBehavior;
import org.infinispan.configuration.global.UncleanShutdownAction;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.manager.EmbeddedCacheManager;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;

/**
 * Builds the embedded cache manager. On the default (one node) it has no transport and every cache is local. In a
 * cluster it joins over the JGroups stack of {@link ClusterTransport} and keeps Infinispan's global state under
 * {@code arbiter.data-dir}: that is where each node's RocksDB stores live (paths relative to it, so no two nodes
 * share one), where a planned stop of the whole cluster saves the topology that lets the same members restart with
 * every entry ({@link ClusterShutdown}, put back here before the manager starts), and where a crash leaves a lock
 * file. After such an unclean stop the node's global state is purged and
 * it rejoins as a new member whose private stores Infinispan clears before state transfer refills them from the
 * live owners, so nothing removed while it was down (an erased customer) comes back.
 * <p>
 * Arbiter builds the manager itself, rather than through the Quarkus Infinispan extension, because that extension
 * configures a transport only from an XML file, which cannot read {@code arbiter.cluster.*} from Quarkus's config.
 * The ProtoStream schemas are found as Infinispan finds them by default: the generated initializers' service files.
 */
@ApplicationScoped
public class CacheManagerFactory {

    @Produces
    @Singleton
    EmbeddedCacheManager cacheManager(ClusterSettings cluster, @ConfigProperty(name = "arbiter.data-dir") Path dataDir)
{
        if (!cluster.enabled()) {
            return started(new DefaultCacheManager(withoutShutdownHook(new GlobalConfigurationBuilder()).build(), false),
                    cluster);
        }
        ClusterTransport transport = new ClusterTransport(cluster);
        GlobalConfigurationBuilder global = withoutShutdownHook(GlobalConfigurationBuilder.defaultClusteredBuilder());
        global.transport().clusterName(ClusterTransport.CLUSTER_NAME)
                .addProperty(JGroupsTransport.CHANNEL_CONFIGURATOR, transport);
        cluster.nodeName().filter(name -> !name.isBlank()).ifPresent(global.transport()::nodeName);
        Path location = dataDir.toAbsolutePath().normalize();
        global.globalState().enable()
                .persistentLocation(location.toString())
                .uncleanShutdownAction(UncleanShutdownAction.PURGE);
        boolean afterPlannedStop = ClusterShutdown.restoreSavedTopology(location);
        EmbeddedCacheManager manager = started(new DefaultCacheManager(global.build(), false), cluster);
        if (afterPlannedStop) {
            ClusterShutdown.setRebalancing(manager, true);
        }
        return manager;
    }

    /**
     * The container is stopped by {@link #close} once the beans that use it are done. Infinispan's own JVM shutdown
     * hook stopped it at SIGTERM in parallel with Quarkus's shutdown, so requests still in flight, and the shutdown
     * observers that leave jobs resumable, met a stopped container.
     */
    private static GlobalConfigurationBuilder withoutShutdownHook(GlobalConfigurationBuilder global) {
        global.shutdown().hookBehavior(ShutdownHookBehavior.DONT_REGISTER);
        return global;
    }

    private static EmbeddedCacheManager started(DefaultCacheManager manager, ClusterSettings cluster) {
        try {
            manager.start();
            return manager;
        } catch (RuntimeException e) {
            manager.stop();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw new ClusterConfigurationException("arbiter.cluster.port", "cannot bind " + cluster.port()
                            + " on " + cluster.bindAddress() + " (" + cause.getMessage() + ")", e);
                }
            }
            throw e;
        }
    }

    void close(@Disposes EmbeddedCacheManager manager) {
        manager.stop();
    }
}
