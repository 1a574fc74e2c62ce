package io.vigil.detect.pipeline;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything Vigil keeps per series key: the detector's model plus the alerting bookkeeping.
 *
 * @param model the detector's model
 * @param observations observations of this key so far (for the warm-up)
 * @param lastAlert event time of the last emitted alert, or null
 * @param suppressed alerts suppressed since the last emitted alert
 * @param incidentPeak the highest surprise, in nines of the calibrated score, seen since the
 *     incident opened by {@code lastAlert} (0 when none is open): an alert inside the suppression
 *     window escalates only past a multiple of it
 */
public record KeyState<M>(
    M model, long observations, Instant lastAlert, long suppressed, double incidentPeak) {
  public KeyState {
    Objects.requireNonNull(model, "model");
    if (observations < 0 || suppressed < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
    if (!(incidentPeak >= 0)) {
      throw new IllegalArgumentException("incidentPeak must not be negative, was " + incidentPeak);
    }
  }
}
