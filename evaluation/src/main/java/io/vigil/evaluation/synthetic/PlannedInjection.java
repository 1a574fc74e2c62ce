package io.vigil.evaluation.synthetic;

/**
 * One anomaly a {@link Scenario} asks the source to inject.
 *
 * @param series 0-based series index
 * @param kind anomaly kind, as named in the scenario (e.g. {@code level-shift})
 * @param atIndex 0-based event number within the series at which the anomaly starts
 * @param magnitude signed size in value units
 * @param length events it lasts (the source may fix it for a kind, e.g. one for a spike)
 */
public record PlannedInjection(
    int series, String kind, long atIndex, double magnitude, int length) {}
