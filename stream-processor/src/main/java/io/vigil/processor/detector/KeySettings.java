package io.vigil.processor.detector;

import java.util.Objects;

/**
 * How one key is scored right now: the detector setup with its scoring policy (threshold, warm-up,
 * severity bands, suppression). Comes from the most specific matching detector config, or the
 * processor's settings.
 *
 * @param pattern the config pattern it came from ({@code *} also for the built-in default)
 * @param version that config's version (0 for the built-in default)
 */
public record KeySettings(String pattern, int version, ModelDetector detector) {
  public KeySettings {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(detector, "detector");
  }
}
