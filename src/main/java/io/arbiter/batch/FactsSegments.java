package io.arbiter.batch;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.infinispan.AdvancedCache;
import org.infinispan.Cache;
import org.infinispan.distribution.DistributionManager;
import org.infinispan.distribution.LocalizedCacheTopology;
import org.infinispan.CacheStream;
import org.infinispan.commons.util.IntSet;
import org.infinispan.commons.util.IntSets;
import org.infinispan.context.Flag;

import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.CustomerFactsCache;
import io.arbiter.store.DurableCaches;

/**
 * The facts cache in parts, each streamed, never materialised; a part is a job's unit of work and of checkpoint.
 * In a cluster a part is one segment and a node walks only the segments it is the primary owner of, so each node
 * decides the customers it holds. The embedded single node's cache is not segmented in memory, but its key
 * partitioner still gives every key one of the cache's segments (32, set by store.DurableCaches), and the segments
 * are grouped into {@value #LOCAL_PARTS} parts (one each at 32), enough to spread over the workers and to checkpoint
 * often. The embedded heap is one map, so walking a part means filtering all of it: a walk there takes several parts
 * at once ({@link #partsPerWalk}): with a walk per part, traversing and hashing the keys of other parts took about
 * a fifth of a DRY_RUN over 300,000 customers.
 * Each entry handed out is one immutable stored version of the customer's record.
 */
@ApplicationScoped
public class FactsSegments {

    static final int LOCAL_PARTS = 32;

    private final Cache<String, CustomerFacts> facts;
    private final boolean allOnHeap;

    FactsSegments(@CustomerFactsCache Cache<String, CustomerFacts> facts) {
        this.facts = facts;
        // Preloaded and never evicted: the heap holds every customer, so reading the store again is wasted work.
        this.allOnHeap = DurableCaches.preloaded(facts);
    }

    /**
     * The parts this node walks: in a cluster the segments it is the primary owner of and already holds (a segment
     * still arriving by state transfer is walked once it is here).
     */
    public List<Integer> owned() {
        List<Integer> owned = new ArrayList<>();
        if (clustered()) {
            LocalizedCacheTopology topology = facts.getAdvancedCache().getDistributionManager().getCacheTopology();
            topology.getLocalPrimarySegments().forEach((int segment) -> {
                if (topology.getSegmentDistribution(segment).isReadOwner()) {
                    owned.add(segment);
                }
            });
        } else {
            for (int part = 0; part < LOCAL_PARTS; part++) {
                owned.add(part);
            }
        }
        return owned;
    }

    /** How many parts there are: a job is complete when every one is. */
    public int count() {
        return clustered() ? facts.getCacheConfiguration().clustering().hash().numSegments() : LOCAL_PARTS;
    }

    /**
     * How many parts one walk takes when {@code workers} share the job: in a cluster one (a segment is walked on its
     * own); on one node enough that each worker walks the heap about twice, and at least one.
     */
    public int partsPerWalk(int workers) {
        return clustered() ? 1 : Math.max(1, LOCAL_PARTS / (2 * workers));
    }

    /**
     * Whether this node still holds the parts after walking them: a rebalance that moved one away during the walk may
     * have removed entries before the walk reached them, so such a walk must not count.
     */
    public boolean stillHeld(List<Integer> parts) {
        if (!clustered()) {
            return true;
        }
        LocalizedCacheTopology topology = facts.getAdvancedCache().getDistributionManager().getCacheTopology();
        return parts.stream().allMatch(part -> topology.getSegmentDistribution(part).isReadOwner());
    }

    /** The facts cache's topology as a walk starts, to tell afterwards whether the cluster changed meanwhile. */
    public int topologyId() {
        return clustered() ? facts.getAdvancedCache().getDistributionManager().getCacheTopology().getTopologyId() : 0;
    }

    /**
     * Whether the cluster changed since {@code topologyId} or is rebalancing now: then a failure met on the way may be
     * the change's doing, even one Infinispan does not report as such (a bulk write retried in a new topology has
     * failed inside Infinispan's lock manager, on the member that owned the keys, as ClusterIT's lost node left).
     */
    public boolean changedSince(int topologyId) {
        if (!clustered()) {
            return false;
        }
        DistributionManager distribution = facts.getAdvancedCache().getDistributionManager();
        return distribution.getCacheTopology().getTopologyId() != topologyId || distribution.isRehashInProgress();
    }

    /**
     * How many customers are stored; a job's total. Counted on the heap when it holds them all: counting through the
     * store reads and decodes every stored entry.
     */
    public long size() {
        return allOnHeap ? facts.getAdvancedCache().withFlags(Flag.SKIP_CACHE_LOAD).size() : facts.size();
    }

    /**
     * Hands each customer of the parts to {@code consumer}, one at a time, in one walk, while {@code proceed} holds;
     * true when the parts were walked to the end.
     */
    public boolean forEach(List<Integer> parts, Consumer<CustomerFacts> consumer, BooleanSupplier proceed) {
        AdvancedCache<String, CustomerFacts> cache = facts.getAdvancedCache().withFlags(Flag.CACHE_MODE_LOCAL);
        if (allOnHeap) {
            cache = cache.withFlags(Flag.SKIP_CACHE_LOAD);
        }
        try (CacheStream<Map.Entry<String, CustomerFacts>> stream =
                     cache.entrySet().stream().filterKeySegments(segments(parts))) {
            Iterator<Map.Entry<String, CustomerFacts>> entries = stream.iterator();
            while (entries.hasNext()) {
                if (!proceed.getAsBoolean()) {
                    return false;
                }
                consumer.accept(entries.next().getValue());
            }
        }
        return true;
    }

    private IntSet segments(List<Integer> parts) {
        int count = facts.getCacheConfiguration().clustering().hash().numSegments();
        boolean clustered = clustered();
        IntSet segments = IntSets.mutableEmptySet(count);
        for (int part : parts) {
            if (clustered) {
                segments.set(part);
            } else {
                for (int segment = part; segment < count; segment += LOCAL_PARTS) {
                    segments.set(segment);
                }
            }
        }
        return segments;
    }

    private boolean clustered() {
        return facts.getCacheConfiguration().clustering().cacheMode().isClustered();
    }
}
