package io.vigil.sink.query;

import io.vigil.schemas.anomaly.Anomaly;
import java.util.List;
import java.util.Optional;

/**
 * One page of a history query, newest first, and where the next page starts (empty on the last).
 */
public record Page(List<Anomaly> anomalies, Optional<Cursor> next) {
  public Page {
    anomalies = List.copyOf(anomalies);
  }
}
