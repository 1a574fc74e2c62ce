package io.vigil.evaluation.synthetic;

import java.time.Instant;
import java.util.List;

/**
 * Generates the series of a {@link Scenario} with its planned anomalies. The evaluation depends on
 * this interface only, so it needs no generator (and no Kafka) of its own.
 */
@FunctionalInterface
public interface SeriesSource {

  /**
   * Passes every event of every series to {@code observer}, each series' events in order, and
   * returns a label for every anomaly actually injected.
   */
  List<Injection> emit(Scenario scenario, Observer observer);

  /** Receives the generated events. */
  @FunctionalInterface
  interface Observer {
    /** Event {@code index} (0-based) of series {@code series}. */
    void observe(int series, long index, Instant time, double value);
  }
}
