package io.vigil.sink.query;

import io.vigil.schemas.anomaly.Anomaly;
import java.util.List;
import java.util.Optional;

/** The hot view (Redis). Both methods throw {@link StoreUnavailableException} when it is down. */
public interface HotViewLookup {
  /** The series' latest anomaly (latest event time), if it has one. */
  Optional<Anomaly> latest(String key);

  /** The most recently delivered anomalies over all series, newest delivered first. */
  List<Anomaly> recent(int limit);

  /** Most anomalies {@link #recent} can return: the length of the overall recent list. */
  int recentCapacity();
}
