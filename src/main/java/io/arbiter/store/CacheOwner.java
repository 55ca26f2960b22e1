package io.arbiter.store;

import java.util.List;

/** A domain that keeps durable caches: it names them so that {@link DurableCaches} opens them all at start-up. */
public interface CacheOwner {

    List<CacheDefinition> durableCaches();
}
