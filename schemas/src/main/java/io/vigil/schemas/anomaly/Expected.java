package io.vigil.schemas.anomaly;

import io.vigil.schemas.validation.Fields;

/** What the model expected for one feature: a central value and a band. */
public record Expected(double value, double lower, double upper) {
  /** Reads an expectation written as {@code {"value":..,"lower":..,"upper":..}}. */
  public static Expected read(Fields fields) {
    return new Expected(fields.number("value"), fields.number("lower"), fields.number("upper"));
  }
}
