package io.arbiter.store;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.infinispan.Cache;
import org.infinispan.commons.api.CacheContainerAdmin;
import org.infinispan.commons.dataconversion.MediaType;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.manager.EmbeddedCacheManager;

import io.arbiter.config.ArbiterConfig;
import io.arbiter.facts.CustomerFacts;

/**
 * Defines Arbiter's caches on the embedded cache manager. Each cache is written through to a
 * SoftIndexFileStore under {@code arbiter.data-dir}, so a write acknowledged to a caller survives a crash of the
 * process; values are kept as ProtoStream bytes, which is what a clustered deployment would exchange.
 */
@ApplicationScoped
public class Caches {

    public static final String CUSTOMER_FACTS = "customer-facts";

    private final EmbeddedCacheManager cacheManager;
    private final ArbiterConfig config;

    Caches(EmbeddedCacheManager cacheManager, ArbiterConfig config) {
        this.cacheManager = cacheManager;
        this.config = config;
    }

    @Produces
    @Singleton
    @CustomerFactsCache
    Cache<String, CustomerFacts> customerFacts() {
        return durableCache(CUSTOMER_FACTS, config.factsMaxInMemory());
    }

    private <K, V> Cache<K, V> durableCache(String name, long maxInMemory) {
        Path dir = config.dataDir().toAbsolutePath().normalize().resolve(name);
        ConfigurationBuilder builder = new ConfigurationBuilder();
        builder.encoding().mediaType(MediaType.APPLICATION_PROTOSTREAM_TYPE);
        if (maxInMemory > 0) {
            builder.memory().maxCount(maxInMemory);
        }
        builder.persistence()
                .passivation(false)
                .addSoftIndexFileStore()
                .dataLocation(dir.resolve("data").toString())
                .indexLocation(dir.resolve("index").toString())
                .preload(maxInMemory <= 0)
                .shared(false);
        return cacheManager.administration()
                .withFlags(CacheContainerAdmin.AdminFlag.VOLATILE)
                .getOrCreateCache(name, builder.build());
    }
}
