package io.vigil.detect;

/**
 * What a model expected for one feature: a central value and the band a normal observation falls
 * in.
 */
public record Expectation(double value, double lower, double upper) {
  public Expectation {
    if (!(lower <= value && value <= upper)) {
      throw new IllegalArgumentException(
          "need lower <= value <= upper, was " + lower + ", " + value + ", " + upper);
    }
  }
}
