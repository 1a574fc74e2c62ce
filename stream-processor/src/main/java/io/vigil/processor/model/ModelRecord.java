package io.vigil.processor.model;

import io.vigil.detect.ExpectedBand;
import io.vigil.detect.pipeline.KeyState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the processor keeps per key: the key's scoring state (detector model plus warm-up and
 * suppression bookkeeping, deserialised) and what the processor itself needs around it.
 *
 * @param detector configuration name of the detector setup the state belongs to
 * @param state the key's immutable scoring state
 * @param lastEventTime latest event time scored, for the idle-key TTL
 * @param lastAnomaly the last anomaly emitted, or null
 * @param expected per feature, the expected value and band at the latest event
 */
public record ModelRecord(
    String detector,
    KeyState<Object> state,
    Instant lastEventTime,
    LastAnomaly lastAnomaly,
    Map<String, ExpectedBand> expected) {
  public ModelRecord {
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lastEventTime, "lastEventTime");
    expected = expected == null ? Map.of() : Map.copyOf(expected);
  }

  /** Events scored into this state. */
  public long observations() {
    return state.observations();
  }

  /** The detector's own model. */
  public Object model() {
    return state.model();
  }
}
