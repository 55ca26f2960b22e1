package io.arbiter.history;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.arbiter.engine.CustomerDecision;
import io.arbiter.engine.Explanation;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A follower sees every item of the feed after its checkpoint, its checkpoint moves only past pages its handler
 * returned from, a handler that fails is handed the same items again, and a follower started again under the same
 * name resumes from the checkpoint.
 */
@QuarkusTest
class FeedFollowersTest {

    @Inject
    FeedFollowers followers;
    @Inject
    DecisionRecords records;

    private final String prefix = "follow-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    @Test
    void aFailedPageComesAgainAndARestartResumesFromTheCheckpoint() throws Exception {
        String name = "test-" + UUID.randomUUID();
        List<Long> first = List.of(decide(prefix + 1), decide(prefix + 2), decide(prefix + 3));

        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger failures = new AtomicInteger();
        AtomicLong checkpointAtFailure = new AtomicLong(-1);
        FeedFollowers.Following following = followers.follow(name, items -> {
            List<Long> ours = mine(items);
            if (!ours.isEmpty() && failures.getAndIncrement() == 0) {
                checkpointAtFailure.set(followers.checkpoint(name));
                throw new IllegalStateException("failing once, on purpose");
            }
            seen.addAll(ours);
        });
        try {
            await(() -> seen.containsAll(first), "the follower saw the items after its failure");
            await(() -> followers.checkpoint(name) >= first.get(2), "the checkpoint moved past them");
        } finally {
            following.close();
        }
        assertEquals(2, failures.get(), "one failed attempt, then one that handled them");
        assertTrue(checkpointAtFailure.get() < first.get(0), "the failure left the checkpoint before the items");
        assertEquals(Set.copyOf(first), seen);

        long stoppedAt = followers.checkpoint(name);
        List<Long> second = List.of(decide(prefix + 4), decide(prefix + 5));
        Thread.sleep(500);
        assertEquals(stoppedAt, followers.checkpoint(name), "a closed follower no longer moves its checkpoint");

        List<Long> afterRestart = new ArrayList<>();
        following = followers.follow(name, items -> {
            synchronized (afterRestart) {
                afterRestart.addAll(mine(items));
            }
        });
        try {
            await(() -> {
                synchronized (afterRestart) {
                    return afterRestart.containsAll(second);
                }
            }, "the restarted follower saw the new items");
        } finally {
            following.close();
        }
        assertEquals(second, afterRestart, "from the checkpoint on: none of the items handled before");
    }

    @Test
    void aBoundedFollowerNeverPassesItsBound() throws Exception {
        String name = "bounded-" + UUID.randomUUID();
        List<Long> cursors = List.of(decide(prefix + "b1"), decide(prefix + "b2"), decide(prefix + "b3"));
        AtomicLong bound = new AtomicLong(cursors.get(1));
        List<Long> seen = new ArrayList<>();
        FeedFollowers.Following following = followers.follow(name, bound::get, items -> {
            synchronized (seen) {
                seen.addAll(mine(items));
            }
        });
        try {
            await(() -> followers.checkpoint(name) == cursors.get(1), "the follower caught up to its bound");
            Thread.sleep(500);
            assertEquals(cursors.get(1), followers.checkpoint(name), "not past the bound");
            synchronized (seen) {
                assertEquals(cursors.subList(0, 2), seen.stream().filter(cursors::contains).toList());
            }
            bound.set(Long.MAX_VALUE);
            await(() -> {
                synchronized (seen) {
                    return seen.contains(cursors.get(2));
                }
            }, "the bound moved on, and so did the follower");
        } finally {
            following.close();
        }
    }

    private List<Long> mine(List<DecisionChange> items) {
        return items.stream().filter(item -> item.customerId().startsWith(prefix)).map(DecisionChange::cursor).toList();
    }

    /** A stored customer decided for the first time: one feed item, whose cursor this answers. */
    private long decide(String customer) {
        given().auth().preemptive().basic("channel", "channel-secret").contentType(ContentType.JSON).body("""
                {"customerId": "%s", "segment": "RETAIL", "country": "DE", "joinedOn": "2019-03-01",
                 "consent": {"marketing": true, "profiling": true}, "recencyDays": 12, "frequency12m": 14,
                 "monetary12m": 1830.50, "clv": 5200.00, "pAlive": 0.87, "maxDaysPastDue": 0, "missedPayments12m": 0,
                 "chargebacks12m": 0, "complaints90d": 0, "fraudFlag": false}
                """.formatted(customer)).put("/api/v1/customers/" + customer).then().statusCode(201);
        records.record(new CustomerDecision("customer-value", 1, customer, "GOLD", "A", false, List.of(),
                new HashMap<>(), new Explanation(List.of(), List.of(), null), Instant.now(), 1, null), 1, null);
        return records.history(customer).get(0).cursor();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(50);
        }
    }
}
