package io.vigil.detect.pipeline;

import io.vigil.detect.AlertLevel;
import io.vigil.detect.Assessment;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do with one observation.
 *
 * @param score the calibrated score in [0,1]
 * @param level the alert level if the observation is anomalous (whether emitted or suppressed)
 * @param suppression why the observation is anomalous but not emitted — a repeat within the
 *     suppression window of an earlier alert of the key, or an operator rule — or null: count it by
 *     reason, do not emit it
 * @param suppressedBefore for an emitted alert, how many alerts of this key were suppressed since
 *     the previous emitted one (0 otherwise)
 * @param assessment the detector's judgement: expected values, bands, attribution, detector name
 * @param warmingUp true while the key is in its warm-up or the detector says its model is not
 *     trustworthy yet: the observation cannot alert whatever its score
 * @param rejection why the observation is not a measurement of the series (a value outside its
 *     physical range, with the rule {@link OutOfRange#DEAD_LETTER}): dead-letter it; else null
 * @param maintenance true when the observation lies in a maintenance window of its key (an emitted
 *     anomaly is marked so)
 */
public record Decision(
    double score,
    Optional<AlertLevel> level,
    SuppressionReason suppression,
    long suppressedBefore,
    Assessment assessment,
    boolean warmingUp,
    String rejection,
    boolean maintenance) {

  public Decision {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(assessment, "assessment");
    if (suppression != null && level.isEmpty()) {
      throw new IllegalArgumentException("only an anomaly can be suppressed");
    }
    if (rejection != null && level.isPresent()) {
      throw new IllegalArgumentException("a rejected observation cannot be an anomaly");
    }
  }

  /** A decision without rules: {@code suppressed} means a repeat within the window. */
  public Decision(
      double score,
      Optional<AlertLevel> level,
      boolean suppressed,
      long suppressedBefore,
      Assessment assessment,
      boolean warmingUp) {
    this(
        score,
        level,
        suppressed ? SuppressionReason.REPEAT : null,
        suppressedBefore,
        assessment,
        warmingUp,
        null,
        false);
  }

  /** True when the observation is anomalous but not emitted ({@link #suppression()} says why). */
  public boolean suppressed() {
    return suppression != null;
  }

  /** True when the observation must be dead-lettered ({@link #rejection()} says why). */
  public boolean rejected() {
    return rejection != null;
  }

  /**
   * The score as an evaluation sees the alerting path: 0 where the pipeline stays silent whatever
   * the threshold (warming up, a suppressed repeat, an anomaly an operator rule holds back, or a
   * rejected observation), else {@link #score()}. NAB's threshold sweep runs over these.
   */
  public double alertableScore() {
    return rejected() ? 0.0 : alertableScore(score, warmingUp, suppressed());
  }

  /** {@link #alertableScore()} from its parts, e.g. as read back from the scores topic. */
  public static double alertableScore(double score, boolean warmingUp, boolean suppressed) {
    return warmingUp || suppressed ? 0.0 : score;
  }

  /** True when an anomaly should be emitted for this observation. */
  public boolean alerts() {
    return level.isPresent() && suppression == null;
  }

  /** The detector that judged the observation (the firing member of an ensemble). */
  public String detector() {
    return assessment.detector();
  }
}
