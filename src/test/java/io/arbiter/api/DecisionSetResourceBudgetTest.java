package io.arbiter.api;

import static io.arbiter.api.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.arbiter.engine.SlowBundles;
import io.arbiter.repository.DecisionRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A draft evaluation of a version that would take far longer than the synchronous budget (arbiter.budget.synchronous,
 * 2 s) stops at a checkpoint and answers a problem that names the budget, in each form of request.
 */
@QuarkusTest
class DecisionSetResourceBudgetTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    DecisionRepository repository;

    @Test
    void aDraftEvaluationOverTheSynchronousBudgetIsAProblemNamingIt() {
        String set = "eb-" + UUID.randomUUID().toString().substring(0, 8);
        // 100 decisions of a million iterations each (about a second each on an idle machine, more when busy):
        // far over the 2 s budget without it, whatever the machine
        long version = repository.publish(set, SlowBundles.customerValueWith(set,
                Map.of("slow.dmn", SlowBundles.heavyModel("slow", 100))), "", "analyst").version();
        String path = "/api/v1/decision-sets/" + set + "/versions/" + version + "/evaluate";

        as("analyst").contentType(ContentType.JSON).body("{\"facts\": " + Fixtures.facts("eb-1") + "}").post(path)
                .then().statusCode(500).contentType(PROBLEM)
                .body("type", equalTo("urn:arbiter:problem:evaluation-budget-exceeded"))
                .body("detail", equalTo("the evaluation exceeded its time budget of 2 s per decision; "
                        + "the decision set may not terminate on this input"))
                .body("instance", equalTo(path));
        as("analyst").contentType(ContentType.JSON).body("{\"context\": {}, \"model\": \"slow.dmn\"}").post(path)
                .then().statusCode(500).contentType(PROBLEM)
                .body("type", equalTo("urn:arbiter:problem:evaluation-budget-exceeded"))
                .body("detail", containsString("2 s per decision"));
    }
}
