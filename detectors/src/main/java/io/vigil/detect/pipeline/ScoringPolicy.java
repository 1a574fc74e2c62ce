package io.vigil.detect.pipeline;

import io.vigil.detect.AlertPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link KeyScorer} does with a detector's assessments.
 *
 * @param alerts threshold, warm-up (observations of the key before it may alert) and severity bands
 * @param suppression after an alert, further alerts of the same key within this much event time are
 *     suppressed (counted, reported as suppressed, not emitted); zero disables suppression
 */
public record ScoringPolicy(AlertPolicy alerts, Duration suppression) {
  public static final Duration DEFAULT_SUPPRESSION = Duration.ofHours(6);

  public ScoringPolicy {
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(suppression, "suppression");
    if (suppression.isNegative()) {
      throw new IllegalArgumentException("suppression must not be negative, was " + suppression);
    }
  }

  public static ScoringPolicy defaults() {
    return new ScoringPolicy(AlertPolicy.defaults(), DEFAULT_SUPPRESSION);
  }
}
