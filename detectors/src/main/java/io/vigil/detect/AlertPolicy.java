package io.vigil.detect;

import java.util.Objects;
import java.util.Optional;

/**
 * When an assessment becomes an alert, and how severe it is.
 *
 * <p>The default threshold, 0.99999, is the anomaly-likelihood threshold Numenta's detectors use:
 * for the EWMA detector's Gaussian calibration it means |z| ≥ 4.42 on one feature, about one false
 * alarm per 100,000 observations of well-behaved noise. A threshold of 0.99 would flag one point in
 * a hundred of pure noise, far too many for a per-event stream detector.
 *
 * @param threshold calibrated score at or above which an observation alerts, in (0,1]
 * @param warmup observations a series must have had before it may alert, on top of the detector's
 *     own warm-up
 * @param bands severity levels by score
 */
public record AlertPolicy(double threshold, long warmup, SeverityBands bands) {
  public static final double DEFAULT_THRESHOLD = 0.999_99;
  public static final long DEFAULT_WARMUP = 50;

  public AlertPolicy {
    if (!(threshold > 0.0 && threshold <= 1.0)) {
      throw new IllegalArgumentException("threshold must be in (0,1], was " + threshold);
    }
    if (warmup < 0) {
      throw new IllegalArgumentException("warmup must not be negative, was " + warmup);
    }
    Objects.requireNonNull(bands, "bands");
  }

  public static AlertPolicy defaults() {
    return new AlertPolicy(DEFAULT_THRESHOLD, DEFAULT_WARMUP, SeverityBands.defaults());
  }

  /** The alert level, or empty when the assessment must not alert (warming up or below). */
  public Optional<AlertLevel> evaluate(Assessment assessment) {
    if (assessment.warmingUp()
        || assessment.observations() < warmup
        || assessment.score() < threshold) {
      return Optional.empty();
    }
    return Optional.of(bands.levelOf(assessment.score()));
  }
}
