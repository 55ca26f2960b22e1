package io.arbiter.config;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The service's clock, in the configured time zone: every "today" and "now" of the service comes from it. */
public class ClockProducer {

    @Produces
    @Singleton
    Clock clock(ArbiterConfig config) {
        return Clock.system(ZoneId.of(config.timeZone()));
    }
}
