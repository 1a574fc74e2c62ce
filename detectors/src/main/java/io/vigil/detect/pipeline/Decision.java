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
 */
public record Decision(
    double score,
    Optional<AlertLevel> level,
    boolean suppressed,
    long suppressedBefore,
    Assessment assessment) {

  public Decision {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(assessment, "assessment");
    if (suppressed && level.isEmpty()) {
      throw new IllegalArgumentException("only an anomaly can be suppressed");
    }
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
