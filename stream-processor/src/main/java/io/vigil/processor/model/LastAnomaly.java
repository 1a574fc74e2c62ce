package io.vigil.processor.model;

import io.vigil.schemas.anomaly.Severity;
import java.time.Instant;
import java.util.Objects;

/** The last anomaly emitted for a key: shown by the model query, and starts its suppression. */
public record LastAnomaly(String id, Instant timestamp, double score, Severity severity) {
  public LastAnomaly {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(severity, "severity");
  }
}
