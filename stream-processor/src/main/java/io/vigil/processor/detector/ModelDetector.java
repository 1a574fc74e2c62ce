package io.vigil.processor.detector;

import io.vigil.detect.Detector;
import io.vigil.detect.pipeline.KeyScorer;
import io.vigil.detect.pipeline.KeyState;
import io.vigil.detect.pipeline.KeyStateMapper;
import io.vigil.detect.pipeline.ScoringPolicy;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One configured detector setup as the processor runs it: the {@link KeyScorer} (detector,
 * calibration, warm-up, threshold, severity bands, suppression) that the NAB harness runs too, with
 * its model type erased, so that one store and one processor can hold the states of different
 * setups side by side (the setup of a key is chosen at runtime by the detector config). The single
 * unchecked cast lives here.
 */
public final class ModelDetector {
  private final String name;
  private final KeyScorer<Object> scorer;

  private ModelDetector(String name, KeyScorer<Object> scorer) {
    this.name = name;
    this.scorer = scorer;
  }

  /**
   * @param name the setup's configuration name (e.g. {@code ensemble}), stored with each state
   */
  @SuppressWarnings("unchecked")
  public static ModelDetector of(String name, Detector<?> detector, ScoringPolicy policy) {
    Objects.requireNonNull(name, "name");
    return new ModelDetector(
        name,
        new KeyScorer<>((Detector<Object>) Objects.requireNonNull(detector, "detector"), policy));
  }

  /** The detector itself, e.g. to describe its models. */
  public Detector<?> detector() {
    return scorer.detector();
  }

  /** The setup's configuration name, as in the detector config. */
  public String name() {
    return name;
  }

  public ScoringPolicy policy() {
    return scorer.policy();
  }

  /** Format version of the models this detector writes. */
  public int modelVersion() {
    return scorer.detector().mapper().version();
  }

  public KeyState<Object> newState() {
    return scorer.newState();
  }

  /** Scores one observation of a key: the decision and the key's next state. */
  public KeyScorer.Step<Object> score(
      KeyState<Object> state, Map<String, Double> features, Instant time) {
    return scorer.score(state, features, time);
  }

  public KeyStateMapper<Object> mapper() {
    return scorer.mapper();
  }
}
