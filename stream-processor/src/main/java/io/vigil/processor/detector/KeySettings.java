package io.vigil.processor.detector;

import io.vigil.detect.pipeline.KeyScorer;
import io.vigil.schemas.config.SilenceRule;
import java.util.Objects;

/**
 * How one key is scored right now: the detector setup with its scoring policy (threshold, warm-up,
 * severity bands, suppression). Comes from the most specific matching detector config, or the
 * processor's settings.
 *
 * @param pattern the config pattern it came from ({@code *} also for the built-in default)
 * @param version that config's version (0 for the built-in default)
 * @param detector the setup's configuration name (e.g. {@code ensemble}), stored with each state
 * @param scorer the setup's {@link KeyScorer} (detector, calibration, warm-up, threshold, severity
 *     bands, suppression) that the NAB harness runs too, with its model type erased by {@link
 *     DetectorFactory}, so that one store and one processor hold the states of different setups
 * @param silence when the key, once it stops reporting, raises a silence anomaly; null: never
 */
public record KeySettings(
    String pattern, int version, String detector, KeyScorer<Object> scorer, SilenceRule silence) {
  public KeySettings {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(scorer, "scorer");
  }

  /** Format version of the models this setup writes. */
  public int modelVersion() {
    return scorer.detector().mapper().version();
  }
}
