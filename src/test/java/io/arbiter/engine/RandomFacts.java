package io.arbiter.engine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Random;

import io.arbiter.facts.Consent;
import io.arbiter.facts.CustomerFacts;
import io.arbiter.facts.Segment;

/** Plausible random customers, skewed towards the thresholds the tables care about, reproducible by seed. */
public final class RandomFacts {

    private final Random random;

    public RandomFacts(long seed) {
        this.random = new Random(seed);
    }

    public CustomerFacts next(String customerId) {
        Segment segment = Segment.values()[random.nextInt(Segment.values().length)];
        return new CustomerFacts(customerId, segment, pick("DE", "FR", "CN", "GB", "US", "NL"),
                LocalDate.of(2026, 1, 1).minusDays(random.nextInt(15 * 365)),
                new Consent(random.nextInt(4) != 0, random.nextInt(3) != 0, random.nextInt(10) == 0),
                skewed(400), skewed(60), money(40_000), random.nextInt(5) == 0 ? null : money(150_000),
                random.nextInt(5) == 0 ? null : BigDecimal.valueOf(random.nextInt(101), 2),
                random.nextInt(3) == 0 ? skewed(120) : 0, skewed(6), skewed(4), skewed(5),
                random.nextInt(40) == 0, random.nextInt(5) == 0 ? null : BigDecimal.valueOf(random.nextInt(151), 2),
                random.nextInt(4) == 0 ? null : skewed(365), 0, null, null, null, null);
    }

    private int skewed(int max) {
        double u = random.nextDouble();
        return (int) (u * u * max);
    }

    private BigDecimal money(int max) {
        double u = random.nextDouble();
        return BigDecimal.valueOf((long) (u * u * u * max * 100), 2);
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }
}
