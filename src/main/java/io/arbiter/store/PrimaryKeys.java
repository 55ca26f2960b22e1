package io.arbiter.store;

import java.util.List;

import org.infinispan.AdvancedCache;
import org.infinispan.Cache;
import org.infinispan.context.Flag;
import org.infinispan.distribution.DistributionManager;

/**
 * The keys this node holds and is the primary owner of: the share of a cluster-wide sweep that is this node's, so
 * that every node sweeping at once touches each key exactly once. On one node, every key.
 */
public final class PrimaryKeys {

    private PrimaryKeys() {
    }

    public static <K> List<K> of(Cache<K, ?> cache) {
        AdvancedCache<K, ?> local = cache.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL);
        DistributionManager distribution = cache.getAdvancedCache().getDistributionManager();
        return local.keySet().stream()
                .filter(key -> distribution == null
                        || distribution.getCacheTopology().getDistribution(key).isPrimary())
                .toList();
    }
}
