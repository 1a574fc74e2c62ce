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
 * @param suppressed true when the observation is anomalous but falls in the suppression window of
 *     an earlier alert of the same key: count it, do not emit it
 * @param suppressedBefore for an emitted alert, how many alerts of this key were suppressed since
 *     the previous emitted one (0 otherwise)
 * @param assessment the detector's judgement: expected values, bands, attribution, detector name
 * @param warmingUp true while the key is in its warm-up or the detector says its model is not
 *     trustworthy yet: the observation cannot alert whatever its score
 */
public record Decision(
    double score,
    Optional<AlertLevel> level,
    boolean suppressed,
    long suppressedBefore,
    Assessment assessment,
    boolean warmingUp) {

  public Decision {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(assessment, "assessment");
    if (suppressed && level.isEmpty()) {
      throw new IllegalArgumentException("only an anomaly can be suppressed");
    }
  }

  /**
   * The score as an evaluation sees the alerting path: 0 where the pipeline stays silent whatever
   * the threshold (warming up, or a suppressed repeat), else {@link #score()}. NAB's threshold
   * sweep runs over these.
   */
  public double alertableScore() {
    return alertableScore(score, warmingUp, suppressed);
  }

  /** {@link #alertableScore()} from its parts, e.g. as read back from the scores topic. */
  public static double alertableScore(double score, boolean warmingUp, boolean suppressed) {
    return warmingUp || suppressed ? 0.0 : score;
  }

  /** True when an anomaly should be emitted for this observation. */
  public boolean alerts() {
    return level.isPresent() && !suppressed;
  }

  /** The detector that judged the observation (the firing member of an ensemble). */
  public String detector() {
    return assessment.detector();
  }
}
