package io.vigil.sink.consume;

import io.vigil.schemas.anomaly.Anomaly;
import java.util.List;

/**
 * Writes a batch of anomalies to one target. Implementations must be idempotent by anomaly id (a
 * batch is written again after a failure or a redelivery) and must throw unless every anomaly of
 * the batch is durably stored: the consumer commits offsets only after this method returns.
 */
@FunctionalInterface
public interface AnomalyWriter extends BatchWriter<Anomaly> {
  @Override
  void write(List<Anomaly> anomalies);
}
