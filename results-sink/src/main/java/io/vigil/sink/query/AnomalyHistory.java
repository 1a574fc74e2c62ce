package io.vigil.sink.query;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The anomaly history (PostgreSQL). Every method throws {@link StoreUnavailableException} when the
 * store cannot answer.
 */
public interface AnomalyHistory {
  Page find(AnomalyQuery query);

  /** The anomaly with this id. */
  Optional<Anomaly> byId(String id);

  /** The series with the most anomalies at or after {@code since} (event time), most first. */
  List<KeyCount> topKeys(Instant since, int limit);

  /** A series' number of anomalies and the highest severity among them. */
  record KeyCount(String key, long anomalies, Severity highest) {}
}
