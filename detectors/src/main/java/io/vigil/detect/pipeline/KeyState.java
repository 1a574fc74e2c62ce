package io.vigil.detect.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything Vigil keeps per series key: the detector's model plus the alerting bookkeeping.
 *
 * @param version format version
 * @param model the detector's model
 * @param observations observations of this key so far (for the warm-up)
 * @param lastAlert event time of the last emitted alert, or null
 * @param suppressed alerts suppressed since the last emitted alert
 */
public record KeyState<M>(
    int version, M model, long observations, Instant lastAlert, long suppressed) {
  public KeyState {
    Objects.requireNonNull(model, "model");
    if (observations < 0 || suppressed < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }
}
