package io.vigil.processor.detector;

import io.vigil.detect.AlertPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * How one key is scored right now: the detector, when it alerts, and how long later alerts are
 * suppressed. Comes from the most specific matching detector config, or the processor's settings.
 *
 * @param pattern the config pattern it came from ({@code *} also for the built-in default)
 * @param version that config's version (0 for the built-in default)
 */
public record KeySettings(
    String pattern, int version, ModelDetector detector, AlertPolicy policy, Duration suppression) {
  public KeySettings {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(suppression, "suppression");
  }
}
