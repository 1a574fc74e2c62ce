package io.vigil.detect;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A detector's judgement of one observation, made against the model as it was before the
 * observation.
 *
 * @param rawScore the detector's own measure of surprise (for EWMA the largest |z|), unbounded
 * @param score calibrated score in [0,1]: comparable across detectors, what thresholds apply to
 * @param expected per observed feature, the expected value and normal band
 * @param attribution per observed feature, its share of the anomaly; the shares sum to 1
 * @param observations how many earlier observations the judgement rests on (the least among the
 *     observed features)
 * @param warmingUp true while the model has seen too little to be trusted; no alert may be raised
 * @param detector name of the detector whose judgement this is (for an ensemble, the member that
 *     fired); empty when the producer did not say
 * @param explanation why the observation scored as it did, in words and numbers (which value left
 *     which band, or what else was unusual); empty when the detector does not say
 */
public record Assessment(
    double rawScore,
    double score,
    Map<String, ExpectedBand> expected,
    Map<String, Double> attribution,
    long observations,
    boolean warmingUp,
    String detector,
    String explanation) {

  public Assessment {
    if (!(score >= 0.0 && score <= 1.0)) {
      throw new IllegalArgumentException("score must be in [0,1], was " + score);
    }
    expected = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(expected)));
    attribution =
        Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(attribution)));
    detector = detector == null ? "" : detector;
    explanation = explanation == null ? "" : explanation;
  }

  /** An assessment without an explanation. */
  public Assessment(
      double rawScore,
      double score,
      Map<String, ExpectedBand> expected,
      Map<String, Double> attribution,
      long observations,
      boolean warmingUp,
      String detector) {
    this(rawScore, score, expected, attribution, observations, warmingUp, detector, "");
  }

  /** This assessment attributed to {@code name}. */
  public Assessment withDetector(String name) {
    return new Assessment(
        rawScore, score, expected, attribution, observations, warmingUp, name, explanation);
  }

  /** This assessment with another calibrated score (e.g. from a post-processor). */
  public Assessment withScore(double calibrated, boolean stillWarmingUp) {
    return new Assessment(
        rawScore,
        calibrated,
        expected,
        attribution,
        observations,
        stillWarmingUp,
        detector,
        explanation);
  }
}
