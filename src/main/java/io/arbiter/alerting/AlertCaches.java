package io.arbiter.alerting;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.Cache;

import io.arbiter.store.CacheDefinition;
import io.arbiter.store.CacheOwner;
import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;

/** The alerts derived from the change feed, by the cursor of the change they were derived from. */
@ApplicationScoped
public class AlertCaches implements CacheOwner {

    public static final String CUSTOMER_ALERTS = "customer-alerts";

    /** Alerts grow with the changes that raise them and are read by scans and ranges: a bounded part on heap. */
    private static final long ALERTS_IN_MEMORY = 20_000;

    private static final CacheDefinition ALERTS = new CacheDefinition(CUSTOMER_ALERTS, ALERTS_IN_MEMORY,
            Placement.PARTITIONED);

    private final DurableCaches caches;

    AlertCaches(DurableCaches caches) {
        this.caches = caches;
    }

    /** Per-customer data: partitioned, like the change feed it is derived from. */
    public Cache<String, ChangeAlerts> alerts() {
        return caches.cache(ALERTS);
    }

    @Override
    public List<CacheDefinition> durableCaches() {
        return List.of(ALERTS);
    }
}
