package io.arbiter.behaviour;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.arbiter.config.ArbiterConfig;

/** The day relative facts are computed as of: the configured reference date, or today in the service's time zone. */
@ApplicationScoped
public class ReferenceDate {

    private final Optional<LocalDate> fixed;
    private final Clock clock;

    ReferenceDate(ArbiterConfig config, Clock clock) {
        this.fixed = config.analytics().referenceDate();
        this.clock = clock;
    }

    public LocalDate today() {
        return fixed.orElseGet(() -> LocalDate.now(clock));
    }
}
