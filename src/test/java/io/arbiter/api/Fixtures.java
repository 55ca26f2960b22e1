package io.arbiter.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.arbiter.bundle.DecisionSetBundle;
import io.arbiter.repository.ShippedBundles;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/** Requests as the demo users, customer ids unique to this run, and valid facts documents to start from. */
final class Fixtures {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    private Fixtures() {
    }

    static RequestSpecification as(String user) {
        return RestAssured.given().auth().preemptive().basic(user, user + "-secret");
    }

    /** A customer id no earlier test run stored (test data directories outlive a run). */
    static String id(String name) {
        return name + "-" + RUN;
    }

    static String facts(String customerId) {
        return """
                {"customerId": "%s", "segment": "RETAIL", "country": "DE", "joinedOn": "2019-03-01",
                 "consent": {"marketing": true, "profiling": true},
                 "recencyDays": 12, "frequency12m": 14, "monetary12m": 1830.50, "clv": 5200.00, "pAlive": 0.87,
                 "maxDaysPastDue": 0, "missedPayments12m": 0, "chargebacks12m": 0, "complaints90d": 0,
                 "fraudFlag": false, "creditUtilization": 0.35, "lastContactDays": 40}
                """.formatted(customerId);
    }

    /** The shipped bundle renamed: its manifest carries the new name; scenarios are left out so edits can differ. */
    static Map<String, String> copyOfShipped(String set) {
        DecisionSetBundle shipped = ShippedBundles.load("customer-value");
        Map<String, String> files = new LinkedHashMap<>();
        shipped.files().forEach((file, text) -> {
            if (file.equals(shipped.manifestFile())) {
                files.put(set + ".yaml", text.replace("name: customer-value", "name: " + set)
                        .replaceAll("(?s)\\nscenarios:.*", "\n"));
            } else if (!file.startsWith("scenarios")) {
                files.put(file, text);
            }
        });
        return files;
    }
}
