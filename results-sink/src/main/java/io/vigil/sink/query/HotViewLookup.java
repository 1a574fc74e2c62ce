package io.vigil.sink.query;

import io.vigil.schemas.anomaly.Anomaly;
import io.vigil.schemas.anomaly.Severity;
import io.vigil.schemas.score.Score;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The hot view (Redis). Every method throws {@link StoreUnavailableException} when it is down. */
public interface HotViewLookup {
  /** The series' latest anomaly (latest event time), if it has one. */
  Optional<Anomaly> latest(String key);

  /** The most recently delivered anomalies over all series, newest delivered first. */
  List<Anomaly> recent(int limit);

  /** Most anomalies {@link #recent} can return: the length of the overall recent list. */
  int recentCapacity();

  /**
   * The series' most recent scores, oldest event time first, at most {@code limit}; empty when the
   * scores window is off or the series has none.
   */
  List<Score> scores(String key, int limit);

  /**
   * Anomalies per event-time minute (UTC) and severity, from the minute of {@code from} for {@code
   * minutes} minutes, oldest first; a minute without anomalies counts zero.
   */
  List<MinuteCounts> perMinute(Instant from, int minutes);

  /** The anomalies of one minute by severity. */
  record MinuteCounts(Instant minute, Map<Severity, Long> counts) {
    public MinuteCounts {
      counts = Map.copyOf(counts);
    }
  }
}
