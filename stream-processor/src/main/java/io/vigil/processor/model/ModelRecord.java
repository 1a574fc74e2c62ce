package io.vigil.processor.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What the processor keeps per key: the detector's model (deserialised) and what the processor
 * itself needs around it.
 *
 * @param detector name of the detector the model belongs to
 * @param model the detector's immutable model
 * @param lastEventTime latest event time scored, for the idle-key TTL
 * @param observations events scored into this model
 * @param lastAnomaly the last anomaly emitted, or null
 */
public record ModelRecord(
    String detector,
    Object model,
    Instant lastEventTime,
    long observations,
    LastAnomaly lastAnomaly) {
  public ModelRecord {
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(lastEventTime, "lastEventTime");
  }
}
