package io.vigil.schemas.anomaly;

/** What the model expected for one feature: a central value and a band. */
public record Expected(double value, double lower, double upper) {}
