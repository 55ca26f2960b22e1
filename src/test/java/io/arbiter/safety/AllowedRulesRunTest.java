package io.arbiter.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kie.api.runtime.KieSession;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.engine.CompiledDecisionSet;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.engine.rules.Action;
import io.arbiter.engine.rules.Assessment;
import io.arbiter.engine.rules.Customer;
import io.arbiter.facts.FactsParser;
import io.arbiter.repository.ShippedBundles;

/**
 * What the gate allows must also run: the file of every allowed construct, compiled by Drools from the trees the
 * gate checked (declared type, accumulate, collect, eval, locals, if/else, drools.getRule()) and fired.
 */
class AllowedRulesRunTest {

    @Test
    void everyAllowedConstructCompilesAndFires() throws Exception {
        Map<String, String> files = new LinkedHashMap<>(ShippedBundles.load("customer-value").files());
        files.put("allowed-constructs.drl", new String(getClass().getResourceAsStream("/rules/allowed-constructs.drl")
                .readAllBytes(), StandardCharsets.UTF_8));
        files.put("customer-value.yaml", files.get("customer-value.yaml")
                .replace("rules:\n", "rules:\n  - allowed-constructs.drl\n"));
        CompiledDecisionSet set = new DecisionSetCompiler().compile(new DecisionSetBundle("customer-value", files), 2);

        List<Object> loyal = fire(set, customer("c-77", false), 60);
        Action action = loyal.stream().filter(o -> o instanceof Action a && a.getCode().equals("OK-01"))
                .map(Action.class::cast).findFirst().orElseThrow(() -> new AssertionError("OK-01 fired: " + loyal));
        assertEquals("Customer c-77 spent 100.00 (OK-01 Everything a rule needs)", action.getReason());

        List<Object> fraud = fire(set, customer("c-78", true), 60);
        assertTrue(fraud.stream().anyMatch(o -> o.getClass().getSimpleName().equals("Score")
                && o.toString().contains("150.000")), "the declared type was inserted: " + fraud);
    }

    private static List<Object> fire(CompiledDecisionSet set, Customer customer, int maxFirings) {
        KieSession session = set.sessions().orElseThrow().newKieSession();
        try {
            session.insert(customer);
            session.insert(new Assessment("GOLD", "A"));
            session.fireAllRules(maxFirings);
            return List.copyOf(session.getObjects(o -> !(o instanceof Customer) && !(o instanceof Assessment)));
        } finally {
            session.dispose();
        }
    }

    private static Customer customer(String id, boolean fraud) throws Exception {
        return new Customer(new FactsParser(Clock.systemUTC()).parse(new ObjectMapper().readTree("""
                {"customerId": "%s", "segment": "SME", "country": "DE", "joinedOn": "2019-03-01",
                 "consent": {"marketing": true, "profiling": true}, "recencyDays": 120, "frequency12m": 2,
                 "monetary12m": 100, "maxDaysPastDue": 0, "missedPayments12m": 0, "chargebacks12m": 0,
                 "complaints90d": 0, "fraudFlag": %s}
                """.formatted(id, fraud))).facts(), 60);
    }
}
