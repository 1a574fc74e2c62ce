package io.vigil.processor.detector;

import io.vigil.schemas.config.SilenceRule;
import java.util.Objects;

/**
 * How one key is scored right now: the detector setup with its scoring policy (threshold, warm-up,
 * severity bands, suppression). Comes from the most specific matching detector config, or the
 * processor's settings.
 *
 * @param pattern the config pattern it came from ({@code *} also for the built-in default)
 * @param version that config's version (0 for the built-in default)
 * @param silence when the key, once it stops reporting, raises a silence anomaly; null: never
 */
public record KeySettings(
    String pattern, int version, ModelDetector detector, SilenceRule silence) {
  public KeySettings {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(detector, "detector");
  }

  /** Settings without a silence rule. */
  public KeySettings(String pattern, int version, ModelDetector detector) {
    this(pattern, version, detector, null);
  }
}
