package io.arbiter.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.arbiter.engine.DecisionPipeline;
import io.arbiter.engine.DecisionSetCompiler;
import io.arbiter.scenario.ScenarioRunner;
import io.arbiter.validation.BundleValidator;
import io.arbiter.validation.ValidationCertificate;

/**
 * Every shipped decision set has a certificate in {@code decisions/}, and it is what the whole publication gate
 * reports on the shipped files now (with the default configuration: compiled tables, the default scenario budgets).
 * A start trusts a certificate only for exactly the files it names; this test keeps a stale one from being shipped.
 * When a shipped file changes, the test writes the fresh certificate to {@code target/shipped-certificates/}: review
 * it and copy it over the old one.
 */
class ShippedCertificatesTest {

    @Test
    void everyShippedSetsCertificateIsWhatTheGateReportsNow() throws IOException {
        BundleValidator validator = new BundleValidator(new DecisionSetCompiler(true), new ScenarioRunner(
                new DecisionPipeline(), Clock.systemUTC(),
                new ScenarioRunner.Budgets(Duration.ofSeconds(5), Duration.ofMinutes(2))));
        List<String> names;
        try (Stream<Path> files = Files.list(Path.of("decisions"))) {
            names = files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".yaml"))
                    .map(file -> file.substring(0, file.length() - ".yaml".length())).sorted().toList();
        }
        assertTrue(names.contains("customer-value") && names.contains("rfm-segments"), names.toString());
        for (String name : names) {
            ValidationCertificate fresh = validator.certify(ShippedBundles.load(name));
            Path written = Path.of("target", "shipped-certificates", name + ".validation.json");
            Files.createDirectories(written.getParent());
            Files.writeString(written, fresh.toJson());
            assertEquals(fresh, ShippedBundles.certificate(name).orElse(null), "the certificate of " + name
                    + " is stale or missing: review " + written + " and copy it to decisions/");
        }
    }
}
