package io.arbiter.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.infinispan.Cache;

import io.arbiter.store.DurableCaches;
import io.arbiter.store.Placement;
import io.quarkus.runtime.StartupEvent;

/** The alerts derived from the change feed, by the cursor of the change they were derived from. */
@ApplicationScoped
public class AlertCaches {

    public static final String CUSTOMER_ALERTS = "customer-alerts";

    /** Alerts grow with the changes that raise them and are read by scans and ranges: a bounded part on heap. */
    private static final long ALERTS_IN_MEMORY = 20_000;

    private final DurableCaches caches;

    AlertCaches(DurableCaches caches) {
        this.caches = caches;
    }

    /** Per-customer data: partitioned, like the change feed it is derived from. */
    public Cache<String, ChangeAlerts> alerts() {
        return caches.cache(CUSTOMER_ALERTS, ALERTS_IN_MEMORY, Placement.PARTITIONED);
    }

    /** Opened at start-up on every node, as every domain's caches are (see HistoryCaches). */
    void open(@Observes StartupEvent event) {
        alerts();
    }
}
