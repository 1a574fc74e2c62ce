package io.vigil.detect;

/**
 * Lower bounds of the calibrated score for each level above {@link AlertLevel#LOW}; an alert below
 * {@code medium} is LOW. The defaults count "nines" of the EWMA detector's calibration (see {@link
 * io.vigil.detect.ewma.EwmaDetector}): for one feature, medium ≥ 0.999999 (|z| ≥ 4.9), high ≥
 * 0.9999999 (|z| ≥ 5.3), critical ≥ 0.999999999 (|z| ≥ 6.1).
 */
public record SeverityBands(double medium, double high, double critical) {

  public SeverityBands {
    if (!(0.0 < medium && medium <= high && high <= critical && critical <= 1.0)) {
      throw new IllegalArgumentException(
          "severity bands need 0 < medium <= high <= critical <= 1, were "
              + medium
              + ", "
              + high
              + ", "
              + critical);
    }
  }

  public static SeverityBands defaults() {
    return new SeverityBands(0.999_999, 0.999_999_9, 0.999_999_999);
  }

  public AlertLevel levelOf(double score) {
    if (score >= critical) {
      return AlertLevel.CRITICAL;
    }
    if (score >= high) {
      return AlertLevel.HIGH;
    }
    if (score >= medium) {
      return AlertLevel.MEDIUM;
    }
    return AlertLevel.LOW;
  }
}
