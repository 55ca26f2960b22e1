package io.arbiter.analytics.clv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/** One purchase by a customer: the day it happened and what it was worth in the reporting currency. */
public record Purchase(LocalDate day, BigDecimal amount) {

    public Purchase {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(amount, "amount");
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("purchase amount must not be negative: " + amount);
        }
    }
}
