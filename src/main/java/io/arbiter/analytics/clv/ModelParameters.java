package io.arbiter.analytics.clv;

/** The check the model parameter records share. */
final class ModelParameters {

    private ModelParameters() {
    }

    static void requirePositive(String name, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
    }
}
