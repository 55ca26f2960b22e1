package io.arbiter.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.infinispan.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The audit chain holds against edits made through the caches behind the service's back: each test alters the chain
 * as someone with write access to the store could, asks for a verification, and puts the chain back.
 */
@QuarkusTest
class AuditChainTest {

    @Inject
    AuditTrail trail;
    @Inject
    AuditCaches caches;
    @Inject
    AuditSealing sealing;

    private Cache<String, AuditRecord> chain;
    private Map<String, AuditRecord> original;
    private Map<String, AuditCheckpoint> originalSeals;

    @BeforeEach
    void appendSomeAndKeepACopy() {
        chain = caches.chain();
        for (int i = 0; i < 5; i++) {
            trail.append("tester", "TEST", "audit-set", i, "link " + i);
        }
        original = Map.copyOf(chain);
        originalSeals = Map.copyOf(caches.checkpoints());
    }

    @AfterEach
    void restore() {
        chain.clear();
        chain.putAll(original);
        caches.checkpoints().clear();
        caches.checkpoints().putAll(originalSeals);
    }

    @Test
    void anUntouchedChainVerifiesAndOnlyAnAdminMayAsk() {
        verify().then().statusCode(200).body("intact", equalTo(true)).body("audit.links", equalTo(original.size()))
                .body("decisionHistory.intact", equalTo(true));
        given().auth().preemptive().basic("analyst", "analyst-secret").get("/api/v1/audit/verify")
                .then().statusCode(403);
    }

    @Test
    void aLinkEditedInTheCacheIsNamed() {
        long target = head() - 2;
        AuditRecord link = chain.get(AuditCaches.key(target));
        chain.put(AuditCaches.key(target), new AuditRecord(link.sequence(), link.at(), "someone-else", link.action(),
                link.decisionSet(), link.version(), link.detail(), link.previousHash(), link.hash()));
        verify().then().statusCode(200).body("intact", equalTo(false))
                .body("audit.firstBreak.sequence", equalTo((int) target))
                .body("audit.firstBreak.reason", equalTo("the link's content does not match its hash: it was altered"));
    }

    @Test
    void aLinkRemovedFromTheMiddleIsNamed() {
        long target = head() - 1;
        chain.remove(AuditCaches.key(target));
        verify().then().body("intact", equalTo(false)).body("audit.firstBreak.sequence", equalTo((int) target))
                .body("audit.firstBreak.reason", equalTo("link " + target + " is missing"));
    }

    @Test
    void anEditWithEveryHashAfterItRebuiltIsCaughtByTheSeal() {
        assertTrue(sealing.sealHead(), "the head is sealed");
        long sealed = head();
        trail.append("tester", "TEST", "audit-set", 99, "after the seal");
        long target = sealed - 3;
        // the edit, then every later link rehashed, as someone who knows the hash (not the seal's key) could
        String previous = chain.get(AuditCaches.key(target - 1)).hash();
        for (long position = target; position <= head(); position++) {
            AuditRecord link = chain.get(AuditCaches.key(position));
            String actor = position == target ? "someone-else" : link.actor();
            String hash = ChainHash.of(position, link.at(), actor, link.action(), link.decisionSet(), link.version(),
                    link.detail(), previous);
            chain.put(AuditCaches.key(position), new AuditRecord(position, link.at(), actor, link.action(),
                    link.decisionSet(), link.version(), link.detail(), previous, hash));
            previous = hash;
        }
        ChainReport report = verification().verify();
        assertFalse(report.intact(), report.toString());
        assertTrue(report.firstBreak().sequence() <= target, report.toString());
        assertTrue(report.firstBreak().reason().contains("differs from its seal"), report.toString());
        assertFalse(sealing.sealHead(), "a broken chain is not sealed");
    }

    @Test
    void linksRemovedFromTheEndAfterASealAreCaught() {
        assertTrue(sealing.sealHead());
        long head = head();
        chain.remove(AuditCaches.key(head));
        ChainReport report = verification().verify();
        assertFalse(report.intact(), report.toString());
        assertEquals(head, report.firstBreak().sequence(), report.toString());
    }

    @Test
    void anErasureIsChainedUnderAPseudonymNotTheCustomerId() {
        String customer = "audit-erased-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().preemptive().basic("channel", "channel-secret").contentType(ContentType.JSON)
                .body("""
                        {"customerId": "%s", "segment": "RETAIL", "country": "DE", "joinedOn": "2019-03-01",
                         "consent": {"marketing": true, "profiling": true},
                         "recencyDays": 12, "frequency12m": 14, "monetary12m": 1830.50, "clv": 5200.00, "pAlive": 0.87,
                         "maxDaysPastDue": 0, "missedPayments12m": 0, "chargebacks12m": 0, "complaints90d": 0,
                         "fraudFlag": false, "creditUtilization": 0.35, "lastContactDays": 40}
                        """.formatted(customer))
                .put("/api/v1/customers/" + customer).then().statusCode(201);
        given().auth().preemptive().basic("channel", "channel-secret").delete("/api/v1/customers/" + customer)
                .then().statusCode(204);
        List<AuditRecord> all = trail.entries(Optional.empty());
        AuditRecord erasure = all.get(all.size() - 1);
        assertEquals("ERASE", erasure.action());
        assertEquals("channel", erasure.actor());
        assertTrue(erasure.detail().startsWith("cust:"), erasure.detail());
        assertFalse(all.stream().anyMatch(r -> r.detail().contains(customer)), "the id is nowhere in the chain");
        assertTrue(verification().verify().intact());
        original = Map.copyOf(chain);
    }

    @Inject
    AuditVerification verifier;

    private AuditVerification verification() {
        return verifier;
    }

    private long head() {
        return trail.head();
    }

    private static io.restassured.response.Response verify() {
        return given().auth().preemptive().basic("admin", "admin-secret").get("/api/v1/audit/verify");
    }
}
