package io.vigil.processor.detector;

import io.vigil.detect.Detector;
import io.vigil.detect.Scored;
import io.vigil.detect.StateMapper;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Detector} with its model type erased, so that one store and one processor can hold
 * models of different detectors side by side (the detector of a key is chosen at runtime by the
 * detector config). The single unchecked cast lives here.
 */
public final class ModelDetector {
  private final Detector<Object> detector;

  private ModelDetector(Detector<Object> detector) {
    this.detector = detector;
  }

  @SuppressWarnings("unchecked")
  public static ModelDetector of(Detector<?> detector) {
    return new ModelDetector((Detector<Object>) Objects.requireNonNull(detector, "detector"));
  }

  /** The detector itself, e.g. to describe its models. */
  public Detector<?> detector() {
    return detector;
  }

  public String name() {
    return detector.name();
  }

  /** Format version of the models this detector writes. */
  public int modelVersion() {
    return detector.mapper().version();
  }

  public Object newModel() {
    return detector.newModel();
  }

  public Scored<Object> score(Object model, Map<String, Double> features, Instant time) {
    return detector.score(model, features, time);
  }

  public StateMapper<Object> mapper() {
    return detector.mapper();
  }
}
