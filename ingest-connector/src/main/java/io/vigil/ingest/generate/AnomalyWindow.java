package io.vigil.ingest.generate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;

/**
 * Ground truth for one injected anomaly (a label of the labels file), a NAB-style window: the
 * series {@code key} behaves as {@code kind} describes from the event stamped {@code start} to the
 * one stamped {@code end}, both inclusive.
 *
 * @param key series key
 * @param kind what was injected
 * @param start timestamp of the first anomalous event
 * @param end timestamp of the last anomalous event (equal to {@code start} for a spike)
 * @param magnitude the signed magnitude injected (unused by, but still recorded for, a flatline)
 */
@JsonPropertyOrder({"key", "kind", "start", "end", "magnitude"})
public record AnomalyWindow(
    String key, AnomalyKind kind, Instant start, Instant end, double magnitude) {
  public AnomalyWindow {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isBefore(start)) {
      throw new IllegalArgumentException("end " + end + " is before start " + start);
    }
  }
}
