package io.vigil.bench.detector;

import io.vigil.detect.Detector;
import io.vigil.detect.pipeline.Decision;
import io.vigil.detect.pipeline.DetectorCatalog;
import io.vigil.detect.pipeline.KeyScorer;
import io.vigil.detect.pipeline.KeyState;
import io.vigil.detect.pipeline.KeyStateMapper;
import io.vigil.detect.pipeline.ScoringPolicy;
import java.util.Objects;

/**
 * One key as the processor scores it: a setup of the {@link DetectorCatalog} through a {@link
 * KeyScorer} with {@link ScoringPolicy#defaults()}, fed the events of a {@link SeasonalSeries} in
 * order. Only the latest state is kept, as RCF's linear ownership requires (a spent state throws if
 * reused). Not thread-safe: one benchmark thread owns it.
 *
 * @param <M> the detector's model type
 */
final class KeyStream<M> {
  private final KeyScorer<M> scorer;
  private final SeasonalSeries series;
  private KeyState<M> state;
  private long events;

  private KeyStream(KeyScorer<M> scorer, SeasonalSeries series) {
    this.scorer = scorer;
    this.series = Objects.requireNonNull(series, "series");
    this.state = scorer.newState();
  }

  /**
   * A key of setup {@code setup} (a configuration name, e.g. {@code ewma}) that has seen nothing
   * yet.
   *
   * @throws IllegalArgumentException for an unknown setup or a feature count below 1
   */
  static KeyStream<?> of(String setup, int featureCount) {
    return of(DetectorCatalog.byName(setup).create(), SeasonalSeries.of(featureCount));
  }

  private static <M> KeyStream<M> of(Detector<M> detector, SeasonalSeries series) {
    return new KeyStream<>(new KeyScorer<>(detector, ScoringPolicy.defaults()), series);
  }

  /** Scores and learns the next {@code count} events; returns this. */
  KeyStream<M> feed(int count) {
    for (int i = 0; i < count; i++) {
      next();
    }
    return this;
  }

  /** Scores the next event and keeps the state that has learned it. */
  Decision next() {
    KeyScorer.Step<M> step = scorer.score(state, series.features(events), series.time(events));
    events++;
    state = step.state();
    return step.decision();
  }

  /** The state's bytes, as the processor stores them. */
  byte[] stateBytes() {
    return scorer.mapper().toBytes(state);
  }

  /**
   * Writes the state to bytes and reads it back, keeping the copy read (the one written may be
   * spent); returns it.
   */
  KeyState<M> roundTrip() {
    KeyStateMapper<M> mapper = scorer.mapper();
    state = mapper.fromBytes(mapper.toBytes(state));
    return state;
  }

  KeyState<M> state() {
    return state;
  }

  /** Events scored so far. */
  long events() {
    return events;
  }

  int featureCount() {
    return series.featureCount();
  }
}
