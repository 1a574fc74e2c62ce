package io.vigil.detect;

/**
 * What a model expected for one feature: a central value and the band a normal observation falls
 * in. Anomalies and scores carry it on the wire as the schemas' {@code Expected}.
 */
public record ExpectedBand(double value, double lower, double upper) {
  public ExpectedBand {
    if (!(lower <= value && value <= upper)) {
      throw new IllegalArgumentException(
          "need lower <= value <= upper, was " + lower + ", " + value + ", " + upper);
    }
  }
}
