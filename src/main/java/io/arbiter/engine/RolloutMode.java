package io.arbiter.engine;

/**
 * How a rollout uses its challenger: {@code CANARY} decides a stable share of customers with it; {@code SHADOW}
 * decides every customer with the champion and also, off the caller's path, with the challenger, to compare.
 */
public enum RolloutMode {
    CANARY, SHADOW
}
