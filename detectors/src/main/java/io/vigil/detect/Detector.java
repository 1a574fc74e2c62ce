package io.vigil.detect;

import java.time.Instant;
import java.util.Map;

/**
 * An online anomaly detector: scores one observation against a per-series model and returns the
 * model that has learned from it. Models are immutable values, so a caller may keep, cache or store
 * any of them safely; the detector itself holds only its parameters.
 *
 * @param <M> the model type; its bytes form is given by {@link #mapper()}
 */
public interface Detector<M> {

  /** Short stable name, e.g. {@code ewma}; part of anomaly ids, so never change it. */
  String name();

  /** The model of a series that has not been observed yet. */
  M newModel();

  /**
   * Scores {@code features} (name to finite value, at least one) observed at {@code time} against
   * {@code model}, then learns from them.
   *
   * @throws IllegalArgumentException if the features are empty or not finite
   */
  Scored<M> score(M model, Map<String, Double> features, Instant time);

  /** Reads and writes this detector's models as bytes, with a format version. */
  StateMapper<M> mapper();
}
