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
 * @param escalation one alert per incident, unless it gets clearly worse: an alert inside the
 *     suppression window is emitted anyway when its surprise (nines of the calibrated score, {@code
 *     -log10(1 - score)}) reaches this multiple of the highest surprise seen since the incident
 *     opened; 0 = never (the window stays anchored at the incident's first alert either way)
 * @param rules operator rules over the anomalies (margins, directions, ranges, minimum severity)
 * @param maintenance the key's maintenance windows
 */
public record ScoringPolicy(
    AlertPolicy alerts,
    Duration suppression,
    double escalation,
    AlertRules rules,
    Maintenance maintenance) {
  public static final Duration DEFAULT_SUPPRESSION = Duration.ofHours(6);

  /** Measured on NAB with the adaptive detector (README): 2.5 costs 0.5 points against never. */
  public static final double DEFAULT_ESCALATION = 2.5;

  public ScoringPolicy {
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(suppression, "suppression");
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(maintenance, "maintenance");
    if (suppression.isNegative()) {
      throw new IllegalArgumentException("suppression must not be negative, was " + suppression);
    }
    if (!(escalation == 0 || escalation > 1)) {
      throw new IllegalArgumentException(
          "escalation must be 0 (off) or above 1, was " + escalation);
    }
  }

  /** A policy without rules or maintenance windows. */
  public ScoringPolicy(AlertPolicy alerts, Duration suppression, double escalation) {
    this(alerts, suppression, escalation, AlertRules.NONE, Maintenance.NONE);
  }

  /** A policy with the default escalation and no rules. */
  public ScoringPolicy(AlertPolicy alerts, Duration suppression) {
    this(alerts, suppression, DEFAULT_ESCALATION);
  }

  public static ScoringPolicy defaults() {
    return new ScoringPolicy(AlertPolicy.defaults(), DEFAULT_SUPPRESSION, DEFAULT_ESCALATION);
  }

  /** This policy with other rules. */
  public ScoringPolicy withRules(AlertRules other) {
    return new ScoringPolicy(alerts, suppression, escalation, other, maintenance);
  }

  /** This policy with other maintenance windows. */
  public ScoringPolicy withMaintenance(Maintenance other) {
    return new ScoringPolicy(alerts, suppression, escalation, rules, other);
  }
}
